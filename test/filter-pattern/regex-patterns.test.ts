import { compileFilterPattern } from '../../tools/filter-pattern';
import { matching } from './helpers';

describe('regex patterns', () => {
  it('finds the regex anywhere in the event', () => {
    const events = [
      '[ERROR 401] UNAUTHORIZED REQUEST',
      '[SUCCESS 200] AUTHORIZED REQUEST',
      '[ERROR 400] BAD REQUEST',
    ];
    expect(matching('%AUTHORIZED%', events)).toEqual(events.slice(0, 2));
    expect(compileFilterPattern('%AUTHORIZED%').kind).toBe('regex');
  });

  it('anchors with ^ and $', () => {
    expect(matching('%^[hc]at%', ['hat trick', 'cat', 'a cat'])).toEqual(['hat trick', 'cat']);
    expect(matching('%[hc]at$%', ['the hat', 'cat', 'cat nap'])).toEqual(['the hat', 'cat']);
  });

  it('supports ?, *, + and .', () => {
    expect(matching('%colou?r%', ['color', 'colour', 'colr'])).toEqual(['color', 'colour']);
    expect(matching('%ab*c%', ['ac', 'abc', 'abbbc', 'adc'])).toEqual(['ac', 'abc', 'abbbc']);
    expect(matching('%ab[0-9]*%', ['ab', 'ab0', 'ab129'])).toEqual(['ab', 'ab0', 'ab129']);
    expect(matching('%ab+c%', ['abc', 'abbc', 'ac'])).toEqual(['abc', 'abbc']);
    expect(matching('%.at%', ['hat', '4at', '#at', ' at', 'at'])).toEqual(['hat', '4at', '#at', ' at']);
  });

  it('supports character classes and ranges', () => {
    expect(matching('%[abc]%', ['a', 'b', 'x'])).toEqual(['a', 'b']);
    expect(matching('%[abcx-z]%', ['y', 'c', 'm'])).toEqual(['y', 'c']);
    expect(matching('%^[a-z]+$%', ['lower', 'Upper'])).toEqual(['lower']);
  });

  it('supports {m,n} repetition with either bound omitted', () => {
    expect(matching('%^a{3,5}$%', ['aa', 'aaa', 'aaaaa', 'aaaaaa'])).toEqual(['aaa', 'aaaaa']);
    expect(matching('%^a{,2}$%', ['', 'aa', 'aaa'])).toEqual(['', 'aa']);
    expect(matching('%^a{2,}$%', ['a', 'aa', 'aaaa'])).toEqual(['aa', 'aaaa']);
  });

  it('supports alternation', () => {
    expect(matching('%gra|ey%', ['gray', 'grey', 'blue'])).toEqual(['gray', 'grey']);
    expect(
      matching('%^starting|^initializing|^shutting down%', [
        'starting ...',
        'initializing ...',
        'shutting down',
        'skipping initializing ...',
      ]),
    ).toEqual(['starting ...', 'initializing ...', 'shutting down']);
    expect(matching('%abcc|ab[^c]$%', ['abcc ...', 'aba', 'aac ...'])).toEqual(['abcc ...', 'aba']);
  });

  it('escapes operators with a backslash', () => {
    expect(matching('%\\[.\\]%', ['[a]', '[7]', '[@]', '[]]', '[ ]', 'a'])).toEqual([
      '[a]',
      '[7]',
      '[@]',
      '[]]',
      '[ ]',
    ]);
    expect(matching('%10\\.10\\.0\\.1%', ['from 10.10.0.1', 'from 10010,051'])).toEqual(['from 10.10.0.1']);
    expect(matching('%10.10.0.1%', ['10010,051'])).toEqual(['10010,051']);
  });

  it('supports \\d, \\D, \\s, \\S, \\w, \\W and \\xhh', () => {
    expect(matching('%\\d%', ['port 80', 'none'])).toEqual(['port 80']);
    expect(matching('%^\\D+$%', ['port 80', 'none'])).toEqual(['none']);
    expect(matching('%a\\sb%', ['a b', 'a\tb', 'ab'])).toEqual(['a b', 'a\tb']);
    expect(matching('%^\\S+$%', ['a b', 'ab'])).toEqual(['ab']);
    expect(matching('%^\\w+$%', ['a_1', 'a-1'])).toEqual(['a_1']);
    expect(matching('%\\W%', ['a_1', 'a-1'])).toEqual(['a-1']);
    expect(matching('%\\x3A%', ['key:value', 'key value'])).toEqual(['key:value']);
    expect(matching('%\\x28%', ['f(x)', 'fx'])).toEqual(['f(x)']);
  });

  it('accepts the documented symbol characters', () => {
    expect(matching('%user=a@b/c;d,e-f#g:h%', ['user=a@b/c;d,e-f#g:h'])).toHaveLength(1);
  });
});
