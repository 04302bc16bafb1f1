/**
 * Every Powertools Logger behaviour the layer relies on beyond its documented API, one test each, named after
 * the internal. A Powertools upgrade that changes one fails here with its name, instead of as a silent
 * change in the records. Public extension points the layer uses (a custom `LogFormatter`, `logBufferOptions`,
 * `createLogger` for subclasses, `LoggerInterface`) are checked too, since the layer depends on their details.
 */
import * as powertools from '@aws-lambda-powertools/logger';
import type {
  ConstructorOptions,
  LogAttributes,
  UnformattedAttributes,
} from '@aws-lambda-powertools/logger/types';
import { createLayerLogger } from '../../layer/src/layer-logger';
import { createLogFormatter } from '../../layer/src/log-formatter';
import { levelThresholds, withoutAlcLevel } from '../../layer/src/log-level';
import { setLogSink } from '../../layer/src/log-sink';

const { Logger, LogFormatter, LogItem, LogLevelThreshold } = powertools;
type LoggerInstance = InstanceType<typeof Logger>;

/** Keeps a plain Powertools logger quiet (the same private field the layer points at its sink). */
const quiet = <T extends LoggerInstance>(logger: T): T => {
  const none = () => undefined;
  (logger as unknown as { console: unknown }).console = {
    info: none,
    debug: none,
    warn: none,
    error: none,
    log: none,
  };
  return logger;
};

/** A formatter that records what Powertools hands it and prints the message. */
class ProbeFormatter extends LogFormatter {
  readonly seen: { attributes: UnformattedAttributes; additional: LogAttributes }[] = [];
  override formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes) {
    this.seen.push({ attributes, additional });
    return new LogItem({ attributes: { level: attributes.logLevel, message: String(attributes.message) } });
  }
}

const traceId = 'Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1';

describe('the Powertools Logger internals the layer relies on', () => {
  const lines: string[] = [];
  beforeEach(() => {
    lines.length = 0;
    setLogSink((line) => lines.push(line));
  });
  afterEach(() => {
    setLogSink(undefined);
    delete process.env._X_AMZN_TRACE_ID;
  });

  /** The layer's own logger class, as the shared logger is built (options without a formatter of their own). */
  const layerLogger = (options: Pick<ConstructorOptions, 'logLevel' | 'logBufferOptions'> = {}) =>
    createLayerLogger(powertools, { ...options, logFormatter: createLogFormatter(powertools) });

  it('LogLevelThreshold: the layer keeps a copy of the numeric levels', () => {
    expect(levelThresholds).toEqual(LogLevelThreshold);
  });

  it('private `console`: direct records and flushed buffered records are both printed through it', () => {
    const logger = layerLogger({ logLevel: 'INFO', logBufferOptions: { enabled: true } });
    process.env._X_AMZN_TRACE_ID = traceId;

    expect(typeof (logger as unknown as { console?: { info?: unknown } }).console?.info).toBe('function');
    logger.debug('buffered');
    logger.info('direct');
    logger.flushBuffer();

    expect(lines.map((line) => JSON.parse(line).message)).toEqual(['direct', 'buffered']);
  });

  it('protected `processLogItem(level, input, extraInput)`: every level method calls it, with Powertools thresholds', () => {
    const calls: unknown[][] = [];
    class Probe extends Logger {
      protected override processLogItem(...args: Parameters<LoggerInstance['processLogItem']>): void {
        calls.push(args);
      }
    }
    const probe = new Probe();
    const extra = { a: 1 };

    probe.trace('t');
    probe.debug('d');
    probe.info('i', extra);
    probe.warn('w');
    probe.error('e');
    probe.critical('c');

    expect(calls).toEqual([
      [LogLevelThreshold.TRACE, 't', []],
      [LogLevelThreshold.DEBUG, 'd', []],
      [LogLevelThreshold.INFO, 'i', [extra]],
      [LogLevelThreshold.WARN, 'w', []],
      [LogLevelThreshold.ERROR, 'e', []],
      [LogLevelThreshold.CRITICAL, 'c', []],
    ]);
  });

  it('`{ message }` of an object input reaches formatAttributes as attributes.message, by identity, with nothing added', () => {
    const formatter = new ProbeFormatter();
    const logger = quiet(new Logger({ logFormatter: formatter }));
    const token = { any: 'object' };

    logger.info({ message: token as never });

    expect(formatter.seen).toHaveLength(1);
    expect(formatter.seen[0]?.attributes.message).toBe(token);
    expect(formatter.seen[0]?.additional).toEqual({});
    expect(formatter.seen[0]?.attributes).toMatchObject({
      logLevel: 'INFO',
      serviceName: 'service_undefined',
    });
    expect(formatter.seen[0]?.attributes.timestamp).toBeInstanceOf(Date);
  });

  it('protected `createLogger(options)`: createChild builds the child through it with the merged options', () => {
    const seen: unknown[] = [];
    class Probe extends Logger {
      protected override createLogger(options?: ConstructorOptions): LoggerInstance {
        seen.push(options);
        return super.createLogger(options);
      }
    }
    const formatter = new ProbeFormatter();

    new Probe({ serviceName: 'svc', logFormatter: formatter }).createChild({ persistentKeys: { a: 1 } });

    expect(seen).toEqual([
      expect.objectContaining({ serviceName: 'svc', logFormatter: formatter, persistentKeys: { a: 1 } }),
    ]);
  });

  it('the constructor appends `persistentKeys` through `appendPersistentKeys`', () => {
    const appended: unknown[] = [];
    class Probe extends Logger {
      override appendPersistentKeys(attributes: Parameters<LoggerInstance['appendPersistentKeys']>[0]): void {
        appended.push(attributes);
      }
    }

    new Probe({ persistentKeys: { component: 'orders' } });

    expect(appended).toEqual([{ component: 'orders' }]);
  });

  it('`setCorrelationId(value)` sets it through `appendKeys({ correlation_id })`', () => {
    const appended: unknown[] = [];
    class Probe extends Logger {
      override appendKeys(attributes: Parameters<LoggerInstance['appendKeys']>[0]): void {
        appended.push(attributes);
      }
    }

    new Probe().setCorrelationId('c-1');

    expect(appended).toEqual([{ correlation_id: 'c-1' }]);
  });

  it('log buffering: keyed by _X_AMZN_TRACE_ID, flushed on an error-level record, dropped by clearBuffer', () => {
    const logger = layerLogger({
      logLevel: 'INFO',
      logBufferOptions: { enabled: true, flushOnErrorLog: true },
    });
    process.env._X_AMZN_TRACE_ID = traceId;

    logger.debug('dropped');
    logger.clearBuffer();
    logger.debug('flushed');
    logger.error('failure');
    delete process.env._X_AMZN_TRACE_ID;
    logger.debug('no trace id: neither buffered nor printed');

    expect(lines.map((line) => JSON.parse(line).message)).toEqual(['flushed', 'failure']);
  });

  it('LogItem: printed from getAttributes() after prepareForPrint(), which the layer turns into a no-op', () => {
    const item = new LogItem({ attributes: { a: '', b: null, c: 1 } });
    item.prepareForPrint();
    // Powertools' own prepareForPrint drops empty members: the layer's record item keeps them
    expect(item.getAttributes()).toEqual({ c: 1 });

    const logger = layerLogger();
    logger.info('line', { empty: '', nothing: null });
    expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ empty: '', nothing: null });
  });

  it('AWS_LAMBDA_LOG_LEVEL is read only while constructing: hidden then, the given level holds and no warning is printed', () => {
    process.env.AWS_LAMBDA_LOG_LEVEL = 'DEBUG';
    try {
      const formatter = new ProbeFormatter();
      // control: Powertools lets ALC win over the level it is given
      expect(new Logger({ logLevel: 'WARN', logFormatter: formatter }).getLevelName()).toBe('DEBUG');
      const hidden = withoutAlcLevel(() => new Logger({ logLevel: 'WARN', logFormatter: formatter }));
      formatter.seen.length = 0;

      hidden.setLogLevel('ERROR');

      expect(hidden.getLevelName()).toBe('ERROR');
      expect(formatter.seen).toEqual([]);
      expect(process.env.AWS_LAMBDA_LOG_LEVEL).toBe('DEBUG');
    } finally {
      delete process.env.AWS_LAMBDA_LOG_LEVEL;
    }
  });

  it.each([
    ['on-demand', [true, false]],
    ['provisioned-concurrency', [false, false]],
    [undefined, [false, false]],
  ])(
    "cold start (AWS_LAMBDA_INITIALIZATION_TYPE=%s): the layer's rule is Powertools' getColdStart",
    (type, expected) => {
      const saved = process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
      if (type === undefined) delete process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
      else process.env.AWS_LAMBDA_INITIALIZATION_TYPE = type;
      try {
        let layer: boolean[] = [];
        jest.isolateModules(() => {
          const { takeColdStart } =
            require('../../layer/src/cold-start') as typeof import('../../layer/src/cold-start');
          layer = [takeColdStart(), takeColdStart()];
        });
        const reference = new Logger() as unknown as { getColdStart(): boolean };

        expect(layer).toEqual(expected);
        expect([reference.getColdStart(), reference.getColdStart()]).toEqual(expected);
      } finally {
        if (saved === undefined) delete process.env.AWS_LAMBDA_INITIALIZATION_TYPE;
        else process.env.AWS_LAMBDA_INITIALIZATION_TYPE = saved;
      }
    },
  );
});
