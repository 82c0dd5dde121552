import { FileExcelOutlined, FileTextOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, Flex, Form, Select, Space, Typography, Upload } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApiFeedback } from '../../ui';
import {
  downloadImportTemplate,
  saveFile,
  type ImportEntity,
  type ImportEntityInfo,
  type UploadAnalysis,
} from './imports.api';

interface Props {
  entity: ImportEntity;
  entities: ImportEntityInfo[];
  onEntity: (entity: ImportEntity) => void;
  uploading: boolean;
  onFile: (file: File) => void;
  uploaded: UploadAnalysis | null;
}

/** Step 1: what to import, a template to start from, and the file. */
export function UploadStep({ entity, entities, onEntity, uploading, onFile, uploaded }: Props) {
  const { t } = useTranslation();
  const { showError } = useApiFeedback();
  const info = entities.find((e) => e.entity === entity);
  const formats = info?.formats ?? ['csv', 'xlsx'];

  const template = useMutation({
    mutationFn: (format: 'csv' | 'xlsx') => downloadImportTemplate(entity, format),
    onSuccess: ({ blob, filename }, format) => saveFile(blob, filename ?? `${entity}-template.${format}`),
    onError: (error) => showError(error),
  });

  return (
    <>
      <Form layout="vertical" style={{ maxWidth: 640 }}>
        <Form.Item label={t('imports.upload.entity')}>
          <Select<ImportEntity>
            value={entity}
            onChange={onEntity}
            style={{ width: 240 }}
            data-testid="import-entity"
            options={entities.map((e) => ({ value: e.entity, label: e.label }))}
          />
        </Form.Item>
        <Form.Item label={t('imports.upload.template')} extra={t('imports.upload.templateHint')}>
          <Space wrap>
            <Button
              icon={<FileExcelOutlined />}
              loading={template.isPending && template.variables === 'xlsx'}
              onClick={() => template.mutate('xlsx')}
              data-testid="import-template-xlsx"
            >
              {t('imports.upload.templateXlsx')}
            </Button>
            <Button
              icon={<FileTextOutlined />}
              loading={template.isPending && template.variables === 'csv'}
              onClick={() => template.mutate('csv')}
              data-testid="import-template-csv"
            >
              {t('imports.upload.templateCsv')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
      <div data-testid="import-dragger">
        <Upload.Dragger
          accept={formats.map((f) => `.${f}`).join(',')}
          multiple={false}
          showUploadList={false}
          disabled={uploading}
          beforeUpload={(file) => {
            onFile(file);
            // The wizard sends the file itself (with the entity); AntD must not post it.
            return false;
          }}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">
            {uploading ? t('imports.upload.uploading') : t('imports.upload.drop')}
          </p>
          <p className="ant-upload-hint">
            {t('imports.upload.hint', { formats: formats.map((f) => `.${f}`).join(' / ') })}
          </p>
        </Upload.Dragger>
      </div>
      {uploaded ? (
        <Flex style={{ marginTop: 12 }}>
          <Typography.Text type="secondary" data-testid="import-uploaded">
            {t('imports.upload.uploaded', { name: uploaded.fileName })}
          </Typography.Text>
        </Flex>
      ) : null}
    </>
  );
}
