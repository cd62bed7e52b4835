import { Text } from '@fluentui/react-components';
import { usePane } from '../store';

/**
 * Where settings and reading corrections are kept, said the same way on 設定 and 読み取った表:
 * in the workbook (a custom XML part inside the file) in Excel, in this browser for a dropped file.
 */
export function StorageNote() {
  const { t, port } = usePane();
  if (!port) return null;
  const inBrowser = port.kind === 'file';
  return (
    <Text size={200} data-testid={inBrowser ? 'settings-browser-note' : 'settings-workbook-note'}>
      {t(inBrowser ? 'settingsBrowserNote' : 'settingsWorkbookNote')}
    </Text>
  );
}
