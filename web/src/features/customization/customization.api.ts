import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { RecordMeta } from '../../api/types';

export type CustomFieldEntity = 'customers' | 'contacts';
export type CustomFieldType = 'text' | 'number' | 'date' | 'choice' | 'multiChoice';
export const CUSTOM_FIELD_TYPES: CustomFieldType[] = ['text', 'number', 'date', 'choice', 'multiChoice'];
export const DICTIONARIES = [
  'customerType',
  'source',
  'industry',
  'relationshipLevel',
  'interactionChannel',
  'leadChannel',
  'leadDisqualifyReason',
  'productLine',
  'opportunityLostReason',
] as const;
export type DictionaryName = (typeof DICTIONARIES)[number];

export interface LocalLabel {
  'zh-CN': string;
  en: string;
}

export interface CustomFieldDef extends RecordMeta {
  entity: CustomFieldEntity;
  key: string;
  label: LocalLabel;
  type: CustomFieldType;
  required: boolean;
  options: { key: string; label: LocalLabel }[];
  position: number;
}

export interface DictionaryItem extends RecordMeta {
  dictionary: DictionaryName;
  key: string;
  label: LocalLabel;
  position: number;
  active: boolean;
}

export const customFieldsKey = ['custom-fields'] as const;
export const dictionariesKey = ['dictionaries'] as const;

export function listCustomFields(entity?: CustomFieldEntity) {
  return api.get<{ items: CustomFieldDef[] }>('/custom-fields', { entity });
}
export function createCustomField(
  body: Omit<CustomFieldDef, keyof RecordMeta | 'required' | 'position'> & {
    required?: boolean;
    position?: number;
  },
) {
  return api.post<CustomFieldDef>('/custom-fields', body);
}
export function updateCustomField(
  id: string,
  body: Partial<Pick<CustomFieldDef, 'label' | 'required' | 'options' | 'position'>> & { version: number },
) {
  return api.patch<CustomFieldDef>(`/custom-fields/${id}`, body);
}
export function deleteCustomField(id: string) {
  return api.delete(`/custom-fields/${id}`);
}

export function listDictionaries() {
  return api.get<{ items: { dictionary: DictionaryName; items: DictionaryItem[] }[] }>('/dictionaries');
}
export function createDictionaryItem(
  dictionary: DictionaryName,
  body: { key: string; label: LocalLabel; position?: number; active?: boolean },
) {
  return api.post<DictionaryItem>(`/dictionaries/${dictionary}/items`, body);
}
export function updateDictionaryItem(
  dictionary: DictionaryName,
  id: string,
  body: { version: number; label?: LocalLabel; position?: number; active?: boolean },
) {
  return api.patch<DictionaryItem>(`/dictionaries/${dictionary}/items/${id}`, body);
}
export function deleteDictionaryItem(dictionary: DictionaryName, id: string) {
  return api.delete(`/dictionaries/${dictionary}/items/${id}`);
}

/** A label in the UI language (Chinese unless the UI speaks English). */
export function useLocalLabel() {
  const { i18n } = useTranslation();
  const lng = i18n.language === 'en' ? 'en' : 'zh-CN';
  return (label: LocalLabel | undefined) => (label ? label[lng] : '');
}

/** The custom fields of an entity, in their order. */
export function useCustomFieldDefs(entity: CustomFieldEntity) {
  return useQuery({
    queryKey: [...customFieldsKey, entity],
    queryFn: async () => (await listCustomFields(entity)).items,
    staleTime: 60_000,
  });
}

/**
 * Options of every dictionary for selects: active entries to choose, and a label for any stored
 * key (an entry deactivated or deleted since shows as stored).
 */
export function useDictionaries() {
  const label = useLocalLabel();
  const query = useQuery({
    queryKey: dictionariesKey,
    queryFn: listDictionaries,
    staleTime: 60_000,
  });
  return useMemo(() => {
    const byName = new Map((query.data?.items ?? []).map((d) => [d.dictionary, d.items]));
    return {
      loading: query.isLoading,
      options: (name: DictionaryName) =>
        (byName.get(name) ?? [])
          .filter((i) => i.active)
          .map((i) => ({ value: i.key, label: label(i.label) })),
      labelOf: (name: DictionaryName, key: string | null | undefined) => {
        if (!key) return '';
        const item = byName.get(name)?.find((i) => i.key === key);
        return item ? label(item.label) : key;
      },
    };
  }, [query.data, query.isLoading, label]);
}
