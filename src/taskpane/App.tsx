import { Button, FluentProvider, MessageBar, MessageBarActions, MessageBarBody, Spinner, Tab, TabList, Text, makeStyles, tokens, webLightTheme } from '@fluentui/react-components';
import { usePane, type Tab as TabId } from './store';
import { CheckScreen } from './screens/CheckScreen';
import { FindingsScreen } from './screens/FindingsScreen';
import { SummaryScreen } from './screens/SummaryScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { FileStart } from './screens/FileStart';
import { ConsolidateScreen } from './screens/ConsolidateScreen';
import { CompareScreen } from './screens/CompareScreen';
import { compareMessages } from '../i18n/compare';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    minHeight: '100vh',
    minWidth: '300px',
    backgroundColor: tokens.colorNeutralBackground2,
  },
  header: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  // Six tabs at 320 px: they wrap onto a second line rather than scroll out of sight (a tab cut
  // off with no sign that the bar scrolls is a tab nobody finds).
  tabs: { backgroundColor: tokens.colorNeutralBackground1, flexWrap: 'wrap', rowGap: '0' },
  main: { padding: tokens.spacingHorizontalM, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export function App() {
  const styles = useStyles();
  const { t, tab, actions, port, host, notice, lang, connecting, excelWaiting } = usePane();
  // In the browser, until a file is chosen: 点検 offers the file chooser; 取りまとめ needs no single file.
  const noFile = host === 'browser' && !port;
  return (
    <FluentProvider theme={webLightTheme} lang={lang}>
      <div className={styles.root}>
        <header className={styles.header}>
          <Text weight="semibold" size={400} as="h1">
            {t('appTitle')}
          </Text>
        </header>
        <TabList
          className={styles.tabs}
          selectedValue={tab}
          onTabSelect={(_e, d) => actions.setTab(d.value as TabId)}
          aria-label={t('navLabel')}
          size="small"
        >
          <Tab value="check">{t('tabCheck')}</Tab>
          {!noFile && <Tab value="findings">{t('tabFindings')}</Tab>}
          {!noFile && <Tab value="summary">{t('tabSummary')}</Tab>}
          {!noFile && <Tab value="settings">{t('tabSettings')}</Tab>}
          <Tab value="consolidate">{t('tabConsolidate')}</Tab>
          {!noFile && <Tab value="compare">{compareMessages[lang].pane.tab}</Tab>}
        </TabList>
        <main className={styles.main}>
          {connecting && <Spinner size="tiny" label={t('excelConnecting')} />}
          {excelWaiting && (
            <MessageBar intent="warning" role="status" data-testid="excel-waiting">
              <MessageBarBody>{t('excelWaiting')}</MessageBarBody>
              <MessageBarActions>
                <Button size="small" onClick={() => actions.stopWaitingForExcel()}>
                  {t('excelWaitStop')}
                </Button>
              </MessageBarActions>
            </MessageBar>
          )}
          {notice && (
            <MessageBar intent={notice.intent} role={notice.intent === 'error' ? 'alert' : 'status'}>
              <MessageBarBody>{notice.text}</MessageBarBody>
            </MessageBar>
          )}
          {tab === 'consolidate' ? (
            <ConsolidateScreen />
          ) : tab === 'compare' && !noFile ? (
            <CompareScreen />
          ) : noFile ? (
            <FileStart />
          ) : tab === 'check' ? (
            <CheckScreen />
          ) : tab === 'findings' ? (
            <FindingsScreen />
          ) : tab === 'summary' ? (
            <SummaryScreen />
          ) : (
            <SettingsScreen />
          )}
        </main>
      </div>
    </FluentProvider>
  );
}
