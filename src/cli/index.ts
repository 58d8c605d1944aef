/**
 * The chiso command line (`npx chiso …`): imports, exports, tokens and users against the same
 * database as the server. `run(argv, options)` runs a command in-process and returns the exit code.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, CommanderError, Option } from 'commander';
import { isIsoDate } from '../domain/validate.js';
import type { Lang } from '../i18n/index.js';
import { categoriesFromCsv, saveCategories } from '../services/categories.js';
import { effectiveDate, isFuture } from '../services/inputs.js';
import { importLineageCsv } from '../services/orgUnitLineage.js';
import { importUnitsCsv } from '../services/orgUnits.js';
import { CliError, describeError, type Output, type RunOptions, Session } from './context.js';
import { importIndicators, indicatorRowsFromCsv } from './indicators.js';
import { formatRowErrors, msg, type RowErrorLike } from './messages.js';
import { createToken, createUser, ROLES, setPassword } from './users.js';
import { exportValueFile, importValueFile } from './values.js';

export type { RunOptions } from './context.js';

function outputOf(opts: RunOptions): Output {
  const stdout = opts.stdout ?? process.stdout;
  const stderr = opts.stderr ?? process.stderr;
  return {
    out: (s) => stdout.write(s.endsWith('\n') ? s : `${s}\n`),
    err: (s) => stderr.write(s.endsWith('\n') ? s : `${s}\n`),
    errStream: stderr,
  };
}

export async function run(argv: string[], opts: RunOptions = {}): Promise<number> {
  const io = outputOf(opts);
  const env = opts.env ?? process.env;
  let exitCode = 0;
  let session: Session | undefined;
  const file = (f: string) => {
    const p = isAbsolute(f) ? f : resolve(opts.cwd ?? process.cwd(), f);
    return p;
  };

  const program = new Command('chiso')
    .description('chiso — công cụ dòng lệnh / command line: import, export, tokens, users')
    .addOption(
      new Option('--lang <lang>', 'ngôn ngữ thông báo / message language')
        .choices(['vi', 'en'])
        .default(env.CHISO_LANG === 'en' ? 'en' : 'vi'),
    )
    .option('--force', 'bỏ qua kiểm tra máy chủ đang chạy / skip the running-server check')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .showHelpAfterError();

  const ctx = (): Session => {
    const g = program.opts<{ lang: Lang; force?: boolean }>();
    session ??= new Session(opts, io, g.lang, !!g.force);
    return session;
  };
  const lang = () => ctx().lang;
  const needFile = (f: string) => {
    const p = file(f);
    if (!existsSync(p)) throw new CliError(msg(lang(), 'fileMissing', { file: f }));
    return p;
  };
  /** The session, the file's path, the database and the acting user of a command that reads a file. */
  const openFile = async (f: string, user?: string) => {
    const s = ctx();
    const path = needFile(f);
    return { s, path, database: await s.database(), actor: await s.actor(user) };
  };
  /** An all-or-nothing import refused: the reason, then its row errors; exit code 2. */
  const refuse = (s: Session, reason: string, errors: RowErrorLike[]) => {
    io.err(reason);
    for (const l of formatRowErrors(s.lang, errors)) io.err(l);
    exitCode = 2;
  };
  const userOption = () =>
    new Option('--user <name>', 'thực hiện với quyền người dùng này (mặc định admin) / act as this user');

  const imp = program.command('import').description('nhập dữ liệu từ tệp CSV / import from CSV');

  imp
    .command('units')
    .argument('<file>', 'CSV: code,name,type,level,parent_code[,valid_from,valid_to,kind]')
    .description('nhập đơn vị hành chính / import org units (all or nothing)')
    .addOption(userOption())
    .option(
      '--effective <date>',
      'sắp xếp lại: tệp là toàn bộ cây đơn vị hành chính từ ngày này (YYYY-MM-DD) / restructuring: the file is the whole administrative tree from this date',
    )
    .action(async (f: string, o: { user?: string; effective?: string }) => {
      const { s, path, database, actor } = await openFile(f, o.user);
      const effective = o.effective === undefined ? undefined : effectiveDate.safeParse(o.effective);
      if (effective && !effective.success) throw new CliError(msg(s.lang, 'badDate', { value: o.effective }));
      const r = await importUnitsCsv(database, actor, readFileSync(path), 'cli', {
        effective: effective?.data,
      });
      if (r.rejected) return refuse(s, msg(s.lang, 'unitsRefused'), r.errors);
      io.out(
        effective
          ? msg(s.lang, 'unitsRestructured', { ...r, effective: effective.data })
          : msg(s.lang, 'unitsDone', r),
      );
    });

  imp
    .command('lineage')
    .argument('<file>', 'CSV: new_code,level,old_code,kind[,share]')
    .description(
      'nhập quan hệ kế thừa đơn vị khi sắp xếp lại / import unit lineage across a restructuring (all or nothing)',
    )
    .requiredOption('--effective <date>', 'ngày sắp xếp có hiệu lực / the date it took effect (YYYY-MM-DD)')
    .addOption(userOption())
    .action(async (f: string, o: { effective: string; user?: string }) => {
      if (!effectiveDate.safeParse(o.effective).success)
        throw new CliError(msg(lang(), 'badDate', { value: o.effective }));
      const { s, path, database, actor } = await openFile(f, o.user);
      io.err(msg(s.lang, 'lineageReading', { file: f, date: o.effective }));
      const r = await importLineageCsv(database, actor, readFileSync(path), o.effective, 'cli');
      if (r.rejected) return refuse(s, msg(s.lang, 'lineageRefused'), r.errors);
      io.out(msg(s.lang, 'lineageDone', { ...r, date: o.effective }));
    });

  imp
    .command('indicators')
    .argument(
      '<file>',
      'CSV: code,name,name_en,unit,value_type,aggregation,time_aggregation,pillar,field,frequency,polarity,owner,source,reporting_kinds',
    )
    .description('nhập danh mục chỉ tiêu / import indicators (all or nothing)')
    .addOption(userOption())
    .action(async (f: string, o: { user?: string }) => {
      const { s, path, database, actor } = await openFile(f, o.user);
      const { inputs, problems } = indicatorRowsFromCsv(readFileSync(path));
      const r = await importIndicators(database, actor, inputs, problems);
      if (r.errors.length)
        return refuse(
          s,
          msg(s.lang, 'indicatorsRefused', { count: new Set(r.errors.map((e) => e.row)).size }),
          r.errors,
        );
      io.out(msg(s.lang, 'indicatorsDone', r));
    });

  imp
    .command('categories')
    .argument(
      '<file>',
      'CSV: category,category_name,option,option_name[,category_name_en,option_name_en,dhis2_code]',
    )
    .description(
      'nhập phân tổ và mã DHIS2 của từng phương án / import disaggregation categories with DHIS2 option combo codes (all or nothing)',
    )
    .addOption(userOption())
    .action(async (f: string, o: { user?: string }) => {
      const { s, path, database, actor } = await openFile(f, o.user);
      const { inputs, errors } = categoriesFromCsv(readFileSync(path));
      if (errors.length)
        return refuse(
          s,
          msg(s.lang, 'categoriesRefused', { count: new Set(errors.map((e) => e.row)).size }),
          errors,
        );
      io.out(msg(s.lang, 'categoriesDone', await saveCategories(database, actor, inputs, 'cli')));
    });

  imp
    .command('values')
    .argument(
      '<file>',
      'CSV or .xlsx: indicator,org_unit,period,value[,numerator,denominator,comment,category_option] (an export imports back as it is)',
    )
    .description(
      'nhập số liệu (tệp lớn, theo từng khối) / import values; all or nothing in ONE transaction unless --partial',
    )
    .option('--partial', 'ghi các dòng đúng, liệt kê dòng lỗi / write the good rows, list the bad ones')
    .option('--chunk <rows>', 'số dòng mỗi khối / rows per chunk', (v) => Number(v), 50_000)
    .addOption(userOption())
    .action(async (f: string, o: { partial?: boolean; chunk: number; user?: string }) => {
      const { s, path, database, actor } = await openFile(f, o.user);
      const r = await importValueFile(database, actor, path, {
        partial: !!o.partial,
        chunkSize: o.chunk > 0 ? o.chunk : 50_000,
        errStream: io.errStream,
        label: msg(s.lang, 'reading'),
      });
      for (const l of formatRowErrors(s.lang, r.errors)) io.err(l);
      if (r.refused) {
        io.err(msg(s.lang, 'valuesRefused', r));
        exitCode = 2;
        return;
      }
      io.out(msg(s.lang, 'valuesDone', r));
      if (r.rejected > 0) exitCode = 3;
    });

  program
    .command('export')
    .description('xuất dữ liệu / export')
    .command('values')
    .description('xuất số liệu đã lưu / export stored values (the import format)')
    .requiredOption('-o, --output <file>', 'tệp kết quả / output file')
    .option('--indicator <codes>', 'mã chỉ tiêu, cách nhau bởi dấu phẩy / indicator codes')
    .option('--org-unit <codes>', 'mã đơn vị / org unit codes')
    .option('--period <codes>', 'kỳ / periods')
    .addOption(new Option('--format <format>', 'csv | xlsx').choices(['csv', 'xlsx']))
    .option('--with-status', 'thêm cột status, updated_at / add status and updated_at columns')
    .addOption(userOption())
    .action(
      async (o: {
        output: string;
        indicator?: string;
        orgUnit?: string;
        period?: string;
        format?: 'csv' | 'xlsx';
        withStatus?: boolean;
        user?: string;
      }) => {
        const s = ctx();
        const database = await s.database();
        const actor = await s.actor(o.user);
        const out = file(o.output);
        const format = o.format ?? (out.toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv');
        const n = await exportValueFile(database, actor, out, { ...o, format });
        io.err(msg(s.lang, 'exported', { count: n, file: o.output }));
      },
    );

  program
    .command('token')
    .description('mã truy cập API / API tokens')
    .command('create')
    .description('tạo mã truy cập cho người dùng (in ra một lần) / create an API token (printed once)')
    .requiredOption('--user <name>', 'người dùng sở hữu mã / the user the token acts as')
    .option('--name <name>', 'tên gợi nhớ / a name to recognise it')
    .option('--scope <scope>', 'read | write', 'write')
    .option('--expires <date>', 'ngày hết hạn YYYY-MM-DD / expiry date')
    .action(async (o: { user: string; name?: string; scope: string; expires?: string }) => {
      const s = ctx();
      if (o.scope !== 'read' && o.scope !== 'write')
        throw new CliError(msg(s.lang, 'badChoice', { value: o.scope, values: 'read, write' }));
      if (o.expires && !isIsoDate(o.expires))
        throw new CliError(msg(s.lang, 'badDate', { value: o.expires }));
      if (o.expires && !isFuture(o.expires))
        throw new CliError(msg(s.lang, 'pastDate', { value: o.expires }));
      const database = await s.database();
      const actor = await s.actor(o.user);
      const name = o.name ?? `cli ${new Date().toISOString().slice(0, 10)}`;
      const created = await createToken(database, actor, {
        name,
        scope: o.scope,
        expiresAt: o.expires ?? null,
      });
      io.err(
        msg(s.lang, 'tokenCreated', {
          name,
          scope: o.scope,
          expires: o.expires ? (s.lang === 'en' ? `, expires ${o.expires}` : `, hết hạn ${o.expires}`) : '',
          user: actor.username,
        }),
      );
      io.out(created.token);
    });

  const user = program.command('user').description('người dùng / users');
  user
    .command('create')
    .argument('<username>')
    .description('tạo người dùng / create a user')
    .option(
      '--password <password>',
      'mật khẩu (mặc định: sinh ngẫu nhiên, in một lần) / password (default: generated)',
    )
    .option('--display-name <name>', 'tên hiển thị / display name')
    .option('--admin', 'quản trị hệ thống / system administrator')
    .addOption(
      new Option('--role <role>', 'vai trò trên --org-unit / role on --org-unit').choices([...ROLES]),
    )
    .option('--org-unit <code>', 'đơn vị của người dùng / the user’s org unit')
    .addOption(userOption())
    .action(
      async (
        username: string,
        o: {
          password?: string;
          displayName?: string;
          admin?: boolean;
          role?: (typeof ROLES)[number];
          orgUnit?: string;
          user?: string;
        },
      ) => {
        const s = ctx();
        const database = await s.database();
        // on a database without `admin` yet (never started), the CLI itself is the actor
        const actor = await s.actor(o.user).catch((e) => {
          if (o.user) throw e;
          return null;
        });
        const r = await createUser(database, actor, {
          username,
          displayName: o.displayName,
          password: o.password,
          isAdmin: o.admin ?? username === 'admin',
          role: o.role,
          orgUnit: o.orgUnit,
        });
        if (!r.ok) {
          throw new CliError(
            r.problem === 'exists'
              ? msg(s.lang, 'userExists', { user: username })
              : r.problem === 'weak'
                ? msg(s.lang, 'passwordWeak')
                : msg(s.lang, 'unknownUnit', { value: o.orgUnit }),
          );
        }
        io.err(msg(s.lang, 'userCreated', { user: username }));
        if (r.password) io.out(msg(s.lang, 'passwordGenerated', { password: r.password }));
      },
    );
  user
    .command('password')
    .argument('<username>')
    .description('đặt lại mật khẩu / set a new password')
    .option(
      '--password <password>',
      'mật khẩu mới (mặc định: sinh ngẫu nhiên) / new password (default: generated)',
    )
    .addOption(userOption())
    .action(async (username: string, o: { password?: string; user?: string }) => {
      const s = ctx();
      const database = await s.database();
      const actor = await s.actor(o.user);
      const r = await setPassword(database, actor, username, o.password);
      if (!r.ok)
        throw new CliError(
          r.problem === 'weak' ? msg(s.lang, 'passwordWeak') : msg(s.lang, 'noUser', { user: username }),
        );
      io.err(msg(s.lang, 'passwordChanged', { user: username }));
      if (r.password) io.out(msg(s.lang, 'passwordGenerated', { password: r.password }));
    });

  program
    .command('digest')
    .description('gửi bản tin cảnh báo qua e-mail (CHISO_SMTP_URL) / send the warnings digest by e-mail')
    .option('--date <date>', 'tính đến ngày / as of (YYYY-MM-DD)')
    .action(async (o: { date?: string }) => {
      if (o.date && !isIsoDate(o.date)) throw new CliError(msg(ctx().lang, 'badDate', { value: o.date }));
      const url = env.CHISO_SMTP_URL;
      if (!url) throw new CliError('CHISO_SMTP_URL is not set (e.g. smtp://mail.example.vn:25)');
      const { sendDigests } = await import('../services/digest.js');
      const database = await ctx().database();
      const r = await sendDigests(
        database,
        {
          smtpUrl: url,
          from: env.CHISO_MAIL_FROM || 'chiso@localhost',
          appUrl: env.CHISO_APP_URL || 'http://localhost:3000/',
        },
        o.date ?? new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10),
      );
      io.err(`digest: ${r.sent} sent, ${r.skipped} skipped`);
    });

  program
    .command('backup')
    .argument('<file>', 'tệp sao lưu (gzip JSON lines) / backup file')
    .description('sao lưu toàn bộ cơ sở dữ liệu / back up the whole database')
    .action(async (f: string) => {
      const { backup } = await import('../services/backup.js');
      const database = await ctx().database();
      const r = await backup(database, file(f));
      const rows = Object.values(r.rows).reduce((a, b) => a + b, 0);
      io.err(`${f}: ${r.tables} tables, ${rows} rows`);
    });
  program
    .command('restore')
    .argument('<file>', 'tệp sao lưu / backup file')
    .description(
      'khôi phục toàn bộ từ bản sao lưu (thay thế dữ liệu hiện có) / restore everything from a backup (replaces the current data)',
    )
    .action(async (f: string) => {
      const { restore, BackupError } = await import('../services/backup.js');
      const path = needFile(f);
      const database = await ctx().database();
      try {
        const r = await restore(database, path);
        const rows = Object.values(r.rows).reduce((a, b) => a + b, 0);
        io.err(`${f}: ${r.tables} tables, ${rows} rows restored`);
      } catch (e) {
        if (e instanceof BackupError) throw new CliError(e.message);
        throw e;
      }
    });

  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      exitCode = e.exitCode;
    } else {
      const l = session?.lang ?? (argv.includes('en') && argv.includes('--lang') ? 'en' : 'vi');
      io.err(describeError(l, e));
      exitCode = e instanceof CliError ? e.exitCode : 1;
    }
  } finally {
    await session?.close();
  }
  return exitCode;
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1]);
if (isMain) {
  process.exitCode = await run(process.argv.slice(2));
}
