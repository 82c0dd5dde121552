import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useDictionaries, type DictionaryName } from '../customization';
import { isBuiltinName } from './opportunity-format';

export { formatAmount, isBuiltinName, moneyText } from './opportunity-format';

/** A stage's name in the UI language unless an administrator renamed it. */
export function useStageLabel() {
  const { t } = useTranslation();
  return useCallback(
    (stage: { key: string | null; name: string | null } | null | undefined) => {
      if (!stage) return '—';
      if (isBuiltinName(stage.key, stage.name)) return t(`opportunities.stages.${stage.key}`);
      return stage.name ?? '—';
    },
    [t],
  );
}

/** Dictionaries of the sales modules (the web's DictionaryName lists the archive's only). */
export function useSalesDictionaries() {
  const d = useDictionaries();
  return {
    options: (name: 'leadChannel' | 'opportunityLostReason' | 'productLine') =>
      d.options(name as unknown as DictionaryName),
    labelOf: (
      name: 'leadChannel' | 'opportunityLostReason' | 'productLine',
      key: string | null | undefined,
    ) => d.labelOf(name as unknown as DictionaryName, key),
  };
}
