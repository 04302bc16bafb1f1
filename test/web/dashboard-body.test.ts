import { loadStackModel } from '../../tools/cloud-assembly';
import { parseDashboardBody, splitSources, stackDashboards } from '../../tools/local/web/dashboard-body';
import { stackSavedQueries } from '../../tools/local/web/saved-queries';

/** A dashboard the way CDK synthesizes one: a Fn::Join of text and references to the stack's resources. */
const model = loadStackModel(
  {
    Resources: {
      Group: { Type: 'AWS::Logs::LogGroup', Properties: {} },
      Failures: {
        Type: 'AWS::CloudWatch::Alarm',
        Properties: {
          MetricName: 'F',
          Namespace: 'N',
          Threshold: 1,
          EvaluationPeriods: 1,
          ComparisonOperator: 'GreaterThanThreshold',
          Period: 60,
          Statistic: 'Sum',
        },
      },
      Board: {
        Type: 'AWS::CloudWatch::Dashboard',
        Properties: {
          DashboardBody: {
            'Fn::Join': [
              '',
              [
                '{"start":"-PT1H","widgets":[{"type":"alarm","width":24,"height":3,"x":0,"y":0,"properties":{"title":"A","alarms":["',
                { 'Fn::GetAtt': ['Failures', 'Arn'] },
                '"]}},{"type":"log","width":12,"height":6,"x":0,"y":3,"properties":{"title":"L","view":"table","query":"SOURCE \'',
                { Ref: 'Group' },
                '\' | fields @message"}}]}',
              ],
            ],
          },
        },
      },
      Saved: {
        Type: 'AWS::Logs::QueryDefinition',
        Properties: {
          Name: 'Folder/Saved',
          QueryString: 'fields @message',
          LogGroupNames: [{ Ref: 'Group' }],
        },
      },
    },
  },
  { stackName: 'Stack' },
);

describe('the stack dashboard', () => {
  it('resolves the body against the local names: alarm ARNs to names, SOURCE log groups', () => {
    const [board] = stackDashboards(model);
    expect(board.name).toBe('Board');
    expect(board.start).toBe('-PT1H');
    expect(board.widgets.map(({ properties: _, ...widget }) => widget)).toEqual([
      { index: 0, type: 'alarm', x: 0, y: 0, width: 24, height: 3, title: 'A', alarms: ['Stack-Failures'] },
      {
        index: 1,
        type: 'log',
        x: 0,
        y: 3,
        width: 12,
        height: 6,
        title: 'L',
        view: 'table',
        query: 'fields @message',
        logGroups: ['/cream/Group'],
      },
    ]);
    expect(stackSavedQueries(model)).toEqual([
      { name: 'Folder/Saved', queryString: 'fields @message', logGroups: ['/cream/Group'] },
    ]);
  });

  it('places widgets without x and y left to right in rows of 24 columns', () => {
    const body = JSON.stringify({
      widgets: [
        { type: 'text', width: 12, height: 2, properties: { markdown: '# hi' } },
        { type: 'metric', width: 12, properties: { title: 'M', metrics: [], period: 60 } },
        { type: 'metric', width: 8, height: 4 },
      ],
    });
    const widgets = parseDashboardBody('B', body).widgets;
    expect(widgets.map((w) => [w.x, w.y, w.width, w.height])).toEqual([
      [0, 0, 12, 2],
      [12, 0, 12, 6],
      [0, 6, 8, 4],
    ]);
    expect(widgets[1]).toMatchObject({ title: 'M', periodSeconds: 60, view: 'timeSeries' });
    expect(widgets[2]).toMatchObject({ title: 'metric widget 3', periodSeconds: 300 });
  });

  it('splits SOURCE clauses off a log widget query', () => {
    expect(splitSources("SOURCE '/a' | SOURCE '/b' | filter x = 1\n| stats count(*)")).toEqual({
      logGroups: ['/a', '/b'],
      query: 'filter x = 1\n| stats count(*)',
    });
  });
});
