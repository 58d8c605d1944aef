/** `npm start`: open the database (migrations run), first-start bootstrap, serve API and web app. */
import { loadConfig } from './config.js';
import { openDatabase } from './db/index.js';
import { buildApp } from './server/app.js';
import { bootstrap } from './services/bootstrap.js';

const config = loadConfig();
const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  session: config.dbSession,
});
await bootstrap(database, config);
const app = await buildApp(database, config);

/** Requests still running after this long at shutdown have their database statements cancelled. */
const SHUTDOWN_GRACE_MS = 5000;
let stopping = false;
const shutdown = async (signal: string) => {
  // a second signal: stop now (the database rolls back whatever was open)
  if (stopping) process.exit(1);
  stopping = true;
  app.log.info(`${signal}: shutting down`);
  // let short requests finish; then stop the statements still running on our own connections,
  // so no abandoned statement keeps its row locks on the server after we are gone
  const grace = setTimeout(() => {
    void database.cancelRunning?.().then((n) => {
      if (n) app.log.warn(`${signal}: cancelled ${n} running database statement(s)`);
    });
  }, SHUTDOWN_GRACE_MS);
  try {
    await app.close();
  } finally {
    clearTimeout(grace);
    await database.close();
  }
  process.exit(0);
};
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

await app.listen({ port: config.port, host: config.host });

// notifications: the daily reminders (reports and tasks due soon) always; e-mail of notifications
// and the daily warnings digest when an SMTP server is configured
const mail = process.env.CHISO_SMTP_URL
  ? {
      smtpUrl: process.env.CHISO_SMTP_URL,
      from: process.env.CHISO_MAIL_FROM || 'chiso@localhost',
      appUrl: process.env.CHISO_APP_URL || `http://localhost:${config.port}/`,
    }
  : null;
const { scheduleNotifications } = await import('./services/notifications.js');
scheduleNotifications(database, mail, (m) => app.log.info(m));
if (mail) {
  const { scheduleDailyDigest } = await import('./services/digest.js');
  scheduleDailyDigest(database, mail, (m) => app.log.info(m));
}
const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite in ${config.dataDir}`;
console.log(
  `\nchiso is running: http://localhost:${config.port}/  (API docs: http://localhost:${config.port}/api/docs; storage: ${where})\n`,
);
