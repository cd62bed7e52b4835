import { useRef, useState, type DragEvent } from 'react';
import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { usePane } from '../store';
import { createFilePort } from '../../excel/file-port';

const useStyles = makeStyles({
  drop: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    alignItems: 'flex-start',
    padding: tokens.spacingHorizontalL,
    border: `2px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  dragging: { border: `2px dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  hidden: { display: 'none' },
});

/** Browser mode: choose or drop an .xlsx file; it never leaves the page. */
export function FileStart({ compact = false }: { compact?: boolean }) {
  const styles = useStyles();
  const { t, actions } = usePane();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);

  const open = async (file: File | undefined) => {
    if (!file) return;
    if (!/\.xlsx$/i.test(file.name)) {
      actions.showError('fileNotXlsx');
      return;
    }
    const data = await file.arrayBuffer();
    await actions.openPort(createFilePort({ name: file.name, data }));
    await actions.runCheck();
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    void open(e.dataTransfer.files[0]);
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
    <section
      className={dragging ? `${styles.drop} ${styles.dragging}` : styles.drop}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      aria-label={t('fileTitle')}
    >
      <Text as="h2" weight="semibold" size={400}>
        {t('fileTitle')}
      </Text>
      <Text>{t('fileDrop')}</Text>
      {chooser}
      <Text size={200}>{t('filePrivacy')}</Text>
    </section>
  );
}
