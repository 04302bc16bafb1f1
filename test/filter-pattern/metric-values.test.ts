import { compileFilterPattern, extractMetric } from '../../tools/filter-pattern';

describe('metric value extraction', () => {
  it('publishes a JSON field named in the pattern, as in { $.latency = * } with $.latency', () => {
    const compiled = compileFilterPattern('{ $.latency = * }');
    expect(extractMetric(compiled, '{"latency":250}', { metricValue: '$.latency' })).toEqual({
      value: 250,
      dimensions: {},
    });
    expect(extractMetric(compiled, '{"latency":"1.5e2"}', { metricValue: '$.latency' })).toEqual({
      value: 150,
      dimensions: {},
    });
  });

  it('publishes a literal metric value for every match', () => {
    const compiled = compileFilterPattern('ERROR');
    expect(extractMetric(compiled, 'ERROR x', { metricValue: '1' })).toEqual({ value: 1, dimensions: {} });
    expect(extractMetric(compiled, 'fine', { metricValue: '1' })).toBeUndefined();
  });

  it('publishes the default value for an event that does not match', () => {
    const compiled = compileFilterPattern('ERROR');
    expect(extractMetric(compiled, 'fine', { metricValue: '1', defaultValue: 0 })).toEqual({
      value: 0,
      dimensions: {},
    });
  });

  it('publishes a named space-delimited field with $name', () => {
    const compiled = compileFilterPattern('[ip, user, username, timestamp, request, status_code, bytes]');
    const line = '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /apache_pb.gif HTTP/1.0" 200 1534';
    expect(
      extractMetric(compiled, line, { metricValue: '$bytes', dimensions: { Status: '$status_code' } }),
    ).toEqual({
      value: 1534,
      dimensions: { Status: '200' },
    });
  });

  it('publishes nothing when the value is not numeric', () => {
    const compiled = compileFilterPattern('{ $.latency = * }');
    expect(extractMetric(compiled, '{"latency":"slow"}', { metricValue: '$.latency' })).toBeUndefined();
    expect(extractMetric(compiled, '{"latency":true}', { metricValue: '$.latency' })).toBeUndefined();
  });

  it('publishes nothing for a field the pattern does not match on', () => {
    const compiled = compileFilterPattern('{ $.message = "request_completed" }');
    const record = '{"message":"request_completed","duration_ms":12}';
    expect(extractMetric(compiled, record, { metricValue: '$.duration_ms' })).toBeUndefined();
    const withField = compileFilterPattern('{ $.message = "request_completed" && $.duration_ms = * }');
    expect(extractMetric(withField, record, { metricValue: '$.duration_ms' })).toEqual({
      value: 12,
      dimensions: {},
    });
  });

  it('takes dimensions from JSON fields and publishes nothing when one is missing', () => {
    const compiled = compileFilterPattern('{ $.status_code >= 500 && $.route = * }');
    const transformation = { metricValue: '1', dimensions: { Route: '$.route' } };
    expect(extractMetric(compiled, '{"status_code":503,"route":"POST /login"}', transformation)).toEqual({
      value: 1,
      dimensions: { Route: 'POST /login' },
    });
    const noRoute = compileFilterPattern('{ $.status_code >= 500 }');
    expect(extractMetric(noRoute, '{"status_code":503}', transformation)).toBeUndefined();
  });
});
