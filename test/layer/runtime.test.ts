/**
 * The layer declares nodejs22.x and nodejs24.x: `npm test` runs the layer's tests on both (`test:layer:node22`
 * sets CREAM_EXPECT_NODE). This guards the run itself, so a missing Node 22 binary cannot silently test Node 24
 * twice.
 */
const expected = process.env.CREAM_EXPECT_NODE ?? '24';

it(`runs on Node ${expected}`, () => {
  expect(process.versions.node.split('.')[0]).toBe(expected);
});
