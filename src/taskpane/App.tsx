import { FluentProvider, MessageBar, MessageBarBody, Tab, TabList, Text, makeStyles, tokens, webLightTheme } from '@fluentui/react-components';
import { usePane, type Tab as TabId } from './store';
import { CheckScreen } from './screens/CheckScreen';
import { FindingsScreen } from './screens/FindingsScreen';
import { SummaryScreen } from './screens/SummaryScreen';
import { SettingsScreen } from './screens/SettingsScreen';
import { FileStart } from './screens/FileStart';

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
  tabs: { backgroundColor: tokens.colorNeutralBackground1, overflowX: 'auto' },
  main: { padding: tokens.spacingHorizontalM, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export function App() {
  const styles = useStyles();
  const { t, tab, actions, port, host, notice, lang } = usePane();
  const showFileStart = host === 'browser' && !port;
  return (
    <FluentProvider theme={webLightTheme} lang={lang}>
      <div className={styles.root}>
        <header className={styles.header}>
          <Text weight="semibold" size={400} as="h1">
            {t('appTitle')}
          </Text>
        </header>
        {!showFileStart && (
          <TabList
            className={styles.tabs}
            selectedValue={tab}
            onTabSelect={(_e, d) => actions.setTab(d.value as TabId)}
            aria-label={t('navLabel')}
            size="small"
          >
            <Tab value="check">{t('tabCheck')}</Tab>
            <Tab value="findings">{t('tabFindings')}</Tab>
            <Tab value="summary">{t('tabSummary')}</Tab>
            <Tab value="settings">{t('tabSettings')}</Tab>
          </TabList>
        )}
        <main className={styles.main}>
          {notice && (
            <MessageBar intent={notice.intent} role={notice.intent === 'error' ? 'alert' : 'status'}>
              <MessageBarBody>{notice.text}</MessageBarBody>
            </MessageBar>
          )}
          {showFileStart ? (
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
