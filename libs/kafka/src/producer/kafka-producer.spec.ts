import { splitIntoRequests, type TopicMessages } from './kafka-producer';

const batch = (topic: string, keys: string[]): TopicMessages => ({ topic, messages: keys.map((key) => ({ key, value: key })) });
const shape = (requests: TopicMessages[][]) => requests.map((request) => request.map(({ topic, messages }) => `${topic}:${messages.map((m) => m.key).join('')}`));

describe(splitIntoRequests.name, () => {
  it('should cut topics into requests of at most the limit, keeping the order, when a send is larger than one request', () => {
    const requests = splitIntoRequests([batch('a', ['1', '2', '3', '4', '5']), batch('b', []), batch('c', ['6', '7'])], 3);

    expect(shape(requests)).toEqual([['a:123'], ['a:45', 'c:6'], ['c:7']]);
  });

  it('should send nothing for empty batches and one request when everything fits', () => {
    expect(splitIntoRequests([batch('a', [])], 3)).toEqual([]);
    expect(shape(splitIntoRequests([batch('a', ['1']), batch('b', ['2', '3'])], 3))).toEqual([['a:1', 'b:23']]);
  });

  it('should refuse a limit that is not a positive integer', () => {
    expect(() => splitIntoRequests([batch('a', ['1'])], 0)).toThrow('messagesPerRequest must be an integer >= 1, got 0');
  });
});
