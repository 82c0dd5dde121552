import { PaperClipOutlined } from '@ant-design/icons';
import { Button, Flex } from 'antd';
import { useApiFeedback } from '../../ui';
import { downloadAttachment, type Attachment } from './interactions.api';

/** The files of an interaction, each downloadable (the server sends them as attachments). */
export function AttachmentLinks({ files }: { files: Attachment[] }) {
  const { showError } = useApiFeedback();
  if (!files.length) return null;
  const save = async (file: Attachment) => {
    try {
      const { blob, filename } = await downloadAttachment(file.id);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = filename ?? file.fileName;
      a.click();
      URL.revokeObjectURL(url);
    } catch (error) {
      showError(error);
    }
  };
  return (
    <Flex wrap gap={4} data-testid="interaction-attachments">
      {files.map((f) => (
        <Button key={f.id} size="small" type="link" icon={<PaperClipOutlined />} onClick={() => void save(f)}>
          {f.fileName}
        </Button>
      ))}
    </Flex>
  );
}
