import { useRef } from 'react';
import { Button, Text, makeStyles } from '@fluentui/react-components';
import { DropZone } from './DropZone';
import { usePane } from '../store';
import { createFilePort } from '../../excel/file-port';

const useStyles = makeStyles({
  hidden: { display: 'none' },
});

/** Browser mode: choose or drop an .xlsx file; it never leaves the page. */
export function FileStart({ compact = false }: { compact?: boolean }) {
  const styles = useStyles();
  const { t, actions } = usePane();
  const input = useRef<HTMLInputElement>(null);

  const open = async (file: File | undefined) => {
    if (!file) return;
    if (/\.(xls|ods)$/i.test(file.name)) {
      // Converting needs LibreOffice (the CLI does it); the page can only say how to save it.
      actions.showError('fileLegacyFormat', { name: file.name });
      return;
    }
    if (!/\.xlsx$/i.test(file.name)) {
      actions.showError('fileNotXlsx');
      return;
    }
    const data = await file.arrayBuffer();
    await actions.openPort(createFilePort({ name: file.name, data }));
    await actions.runCheck();
  };

  const chooser = (
    <>
      <input
        ref={input}
        className={styles.hidden}
        type="file"
        accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        data-testid="file-input"
        onChange={(e) => {
          void open(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
      <Button appearance={compact ? 'secondary' : 'primary'} onClick={() => input.current?.click()}>
        {compact ? t('fileOther') : t('fileChoose')}
      </Button>
    </>
  );
  if (compact) return chooser;
  return (
    <DropZone label={t('fileTitle')} onFiles={(files) => void open(files[0])}>
      <Text as="h2" weight="semibold" size={400}>
        {t('fileTitle')}
      </Text>
      <Text>{t('fileDrop')}</Text>
      {chooser}
      <Text size={200}>{t('filePrivacy')}</Text>
    </DropZone>
  );
}
