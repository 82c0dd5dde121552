import {
  ArrowLeftOutlined,
  ArrowRightOutlined,
  HistoryOutlined,
  PlayCircleOutlined,
} from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Result, Spin, Steps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { can, useMe } from '../../app/session';
import { PageHeader, errorMessage, useApiFeedback } from '../../ui';
import { canonicalEncoding, isActive, missingRequired, previewTally, repeatedFields } from './import-wizard';
import { ImportProgress } from './ImportProgress';
import {
  fetchImport,
  importsKey,
  listImportEntities,
  previewUpload,
  startImport,
  uploadImportFile,
  type ColumnMapping,
  type ImportEntity,
  type ImportMode,
  type ReadOptions,
  type UploadAnalysis,
} from './imports.api';
import { MappingStep } from './MappingStep';
import { ModeStep } from './ModeStep';
import { PreviewStep } from './PreviewStep';
import { ReadOptionsStep } from './ReadOptionsStep';
import { UploadStep } from './UploadStep';

const STEPS = ['upload', 'read', 'mapping', 'preview', 'mode', 'run', 'result'] as const;
const UPLOAD = 0;
const READ = 1;
const MAPPING = 2;
const PREVIEW = 3;
const MODE = 4;

/** 导入向导: upload → encoding → mapping → preview → mode → run → result. */
export function ImportWizardPage() {
  const { t, i18n } = useTranslation();
  const me = useMe().data;
  const navigate = useNavigate();
  const { showError } = useApiFeedback();
  const [params, setParams] = useSearchParams();
  const importId = params.get('id');
  const [step, setStep] = useState(UPLOAD);
  const [analysis, setAnalysis] = useState<UploadAnalysis | null>(null);
  const [detected, setDetected] = useState<{ encoding: string | null; delimiter: string | null }>({
    encoding: null,
    delimiter: null,
  });
  const [readOptions, setReadOptions] = useState<ReadOptions>({});
  const [mapping, setMapping] = useState<ColumnMapping[]>([]);
  const [mode, setMode] = useState<ImportMode>('skip-duplicates');
  const [upsertKey, setUpsertKey] = useState<string | undefined>();
  const [tags, setTags] = useState<string[]>([]);
  const [leadDefaults, setLeadDefaults] = useState<{ channel?: string; campaign?: string }>({});

  // Labels come translated from the server: one cache entry per language.
  const entities = useQuery({
    queryKey: [...importsKey, 'entities', i18n.language],
    queryFn: listImportEntities,
  });
  const entityList = entities.data?.items ?? [];
  const requested = params.get('entity');
  const entity: ImportEntity =
    entityList.find((e) => e.entity === requested)?.entity ?? entityList[0]?.entity ?? 'customers';
  const info = entityList.find((e) => e.entity === entity);
  const fields = info?.fields ?? [];

  // A started import, shown from the URL so a reload keeps watching it.
  const started = useQuery({
    queryKey: [...importsKey, 'one', importId],
    queryFn: () => fetchImport(importId ?? ''),
    enabled: !!importId,
  });

  const adopt = (result: UploadAnalysis) => {
    setAnalysis(result);
    setMapping(result.suggested);
  };

  const uploadFile = useMutation({
    mutationFn: (file: File) => uploadImportFile(file, entity),
    onSuccess: (result) => {
      adopt(result);
      setDetected({ encoding: result.encoding, delimiter: result.delimiter });
      setReadOptions({
        encoding: canonicalEncoding(result.encoding) ?? undefined,
        delimiter: result.delimiter ?? undefined,
      });
      setStep(READ);
    },
    onError: (error) => showError(error),
  });

  const reread = useMutation({
    mutationFn: (options: ReadOptions) => previewUpload(analysis?.uploadId ?? '', options),
    onSuccess: adopt,
    onError: (error) => showError(error),
  });

  const preview = useQuery({
    queryKey: [
      ...importsKey,
      'preview',
      analysis?.uploadId,
      readOptions,
      mapping,
      mode,
      upsertKey,
      i18n.language,
    ],
    queryFn: () =>
      previewUpload(analysis?.uploadId ?? '', {
        ...readOptions,
        mapping,
        mode,
        key: mode === 'upsert' ? upsertKey : undefined,
      }),
    enabled: !!analysis && step === PREVIEW,
    staleTime: 60_000,
    // The mode step's note reads the last preview while its key changes.
    placeholderData: keepPreviousData,
  });

  const start = useMutation({
    mutationFn: () =>
      startImport({
        uploadId: analysis?.uploadId ?? '',
        mode,
        key: mode === 'upsert' ? upsertKey : undefined,
        mapping,
        ...readOptions,
        tags: tags.length ? tags : undefined,
        ...(entity === 'leads' ? { defaults: leadDefaults } : {}),
      }),
    onSuccess: ({ id }) => setParams({ entity, id }, { replace: false }),
    onError: (error) => showError(error),
  });

  const restart = () => {
    setAnalysis(null);
    setMapping([]);
    setReadOptions({});
    setTags([]);
    setUpsertKey(undefined);
    setStep(UPLOAD);
    setParams({ entity });
  };

  if (me && !can(me, 'imports', 'create'))
    return <Result status="403" title={t('imports.wizard.forbidden')} />;

  const missing = missingRequired(fields, mapping);
  const current = importId ? (started.data && !isActive(started.data.status) ? 6 : 5) : step;
  const nextBlocked =
    (step === UPLOAD && !analysis) ||
    (step === READ && reread.isPending) ||
    (step === MAPPING &&
      (missing.length > 0 || repeatedFields(fields, mapping).length > 0 || mapping.every((m) => !m.field))) ||
    (step === PREVIEW && (preview.isFetching || !!preview.error));

  const body = () => {
    if (importId) return <ImportProgress id={importId} onRestart={restart} />;
    if (!info)
      return entities.error ? (
        <Alert type="error" showIcon title={errorMessage(entities.error, t('common.requestFailed'))} />
      ) : (
        <Spin />
      );
    switch (step) {
      case UPLOAD:
        return (
          <UploadStep
            entity={entity}
            entities={entityList}
            onEntity={(next) => {
              setAnalysis(null);
              setParams({ entity: next }, { replace: true });
            }}
            uploading={uploadFile.isPending}
            onFile={(file) => uploadFile.mutate(file)}
            uploaded={analysis}
          />
        );
      case READ:
        return analysis ? (
          <ReadOptionsStep
            analysis={analysis}
            detected={detected}
            options={readOptions}
            loading={reread.isPending}
            onChange={(options) => {
              setReadOptions(options);
              reread.mutate(options);
            }}
          />
        ) : null;
      case MAPPING:
        return analysis ? (
          <MappingStep
            entity={entity}
            fields={fields}
            rows={analysis.preview}
            mapping={mapping}
            onChange={setMapping}
          />
        ) : null;
      case PREVIEW:
        return (
          <PreviewStep
            fields={fields}
            mapping={mapping}
            rows={preview.data?.preview}
            loading={preview.isFetching}
            error={preview.error}
          />
        );
      default:
        return (
          <ModeStep
            info={info}
            mode={mode}
            onMode={setMode}
            upsertKey={upsertKey}
            onKey={setUpsertKey}
            tags={tags}
            onTags={setTags}
            defaults={leadDefaults}
            onDefaults={setLeadDefaults}
            tally={previewTally(preview.data?.preview ?? [])}
          />
        );
    }
  };

  return (
    <>
      <PageHeader
        title={info ? t('imports.wizard.titleOf', { entity: info.label }) : t('imports.wizard.title')}
        description={t('imports.wizard.description')}
        extra={
          <Button icon={<HistoryOutlined />} onClick={() => navigate('/imports')}>
            {t('imports.history.title')}
          </Button>
        }
      />
      <Card>
        <Steps
          size="small"
          current={current}
          style={{ marginBottom: 24 }}
          data-testid="import-steps"
          items={STEPS.map((s) => ({ key: s, title: t(`imports.steps.${s}`) }))}
        />
        {body()}
        {!importId && step > UPLOAD ? (
          <Flex justify="space-between" style={{ marginTop: 24 }}>
            <Button icon={<ArrowLeftOutlined />} onClick={() => setStep(step - 1)} data-testid="import-back">
              {t('imports.wizard.back')}
            </Button>
            {step < MODE ? (
              <Button
                type="primary"
                disabled={nextBlocked}
                onClick={() => setStep(step + 1)}
                data-testid="import-next"
              >
                {t('imports.wizard.next')} <ArrowRightOutlined />
              </Button>
            ) : (
              <Button
                type="primary"
                icon={<PlayCircleOutlined />}
                disabled={mode === 'upsert' && !upsertKey}
                loading={start.isPending}
                onClick={() => start.mutate()}
                data-testid="import-start"
              >
                {t('imports.wizard.start')}
              </Button>
            )}
          </Flex>
        ) : null}
        {!importId && step === UPLOAD && analysis ? (
          <Flex justify="flex-end" style={{ marginTop: 24 }}>
            <Button type="primary" onClick={() => setStep(READ)} data-testid="import-next">
              {t('imports.wizard.next')} <ArrowRightOutlined />
            </Button>
          </Flex>
        ) : null}
      </Card>
    </>
  );
}
