import { parse } from 'graphql';
import { firstNonFiniteLiteral, firstNonFiniteVariable } from './finite-numbers';

describe('firstNonFiniteLiteral', () => {
  it('should find a number literal beyond a double, in arguments, lists, input objects and variable defaults', () => {
    expect(firstNonFiniteLiteral(parse(`{ predict(input: { balance: 1e999 }) { id } }`))).toBe('1e999');
    expect(firstNonFiniteLiteral(parse(`query ($n: Float = -1E400) { a(list: [1, 2]) }`))).toBe('-1E400');
    expect(firstNonFiniteLiteral(parse(`{ a(n: ${'9'.repeat(400)}) }`))).toBe('9'.repeat(400));
  });

  it('should find nothing when every number is finite', () => {
    expect(firstNonFiniteLiteral(parse(`{ a(x: 1.7976931348623157e308, y: -0.0, z: 2147483648) { b } }`))).toBeUndefined();
  });
});

describe('firstNonFiniteVariable', () => {
  it('should name the path of a non-finite number, however deep, as JSON.parse gives 1e999', () => {
    expect(firstNonFiniteVariable(JSON.parse('{"input":{"features":[1,{"balance":1e999}]}}'))).toBe('variables.input.features[1].balance');
    expect(firstNonFiniteVariable(JSON.parse('{"n":-1e999}'))).toBe('variables.n');
  });

  it('should find nothing in finite, absent or non-numeric variables', () => {
    expect(firstNonFiniteVariable({ n: 1e308, s: 'Infinity', list: [null, true] })).toBeUndefined();
    expect(firstNonFiniteVariable(undefined)).toBeUndefined();
  });
});
