/** Every frame: its documented example passes its schema, and typical malformed variants fail. */
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { ConsoleToRelay, RelayToConsole } from './console-frames';
import { consoleToRelayExamples, relayToConsoleExamples, relayToWidgetExamples, widgetToRelayExamples } from './examples';
import { CONSOLE_TO_RELAY_TYPES, LIMITS, WIDGET_TO_RELAY_TYPES } from './light';
import { RelayToWidget, WidgetToRelay } from './widget-frames';

const unions = [
  ['WidgetToRelay', WidgetToRelay, widgetToRelayExamples],
  ['RelayToWidget', RelayToWidget, relayToWidgetExamples],
  ['ConsoleToRelay', ConsoleToRelay, consoleToRelayExamples],
  ['RelayToConsole', RelayToConsole, relayToConsoleExamples],
] as const;

describe.each(unions)('%s', (_name, schema, examples) => {
  const types = schema.anyOf.map((member) => (member.properties.type as { const: string }).const);

  it('has an example for every frame type and nothing else', () => {
    expect(Object.keys(examples).sort()).toEqual([...types].sort());
  });

  it.each(Object.entries(examples))('accepts the %s example', (_type, example) => {
    expect(Value.Errors(schema, example).First()).toBeUndefined();
  });

  it.each(Object.entries(examples))('refuses %s with an extra unknown type or missing type', (_type, example) => {
    expect(Value.Check(schema, { ...example, type: 'no.such.frame' })).toBe(false);
    const { type: _dropped, ...untyped } = example as Record<string, unknown>;
    expect(Value.Check(schema, untyped)).toBe(false);
  });
});

describe('inbound frame rules', () => {
  const send = widgetToRelayExamples['message.send'];

  it('lists the inbound types in the light entry exactly as the schemas have them', () => {
    const typesOf = (schema: typeof WidgetToRelay | typeof ConsoleToRelay) =>
      schema.anyOf.map((member) => (member.properties.type as { const: string }).const).sort();
    expect(typesOf(WidgetToRelay)).toEqual([...WIDGET_TO_RELAY_TYPES].sort());
    expect(typesOf(ConsoleToRelay)).toEqual([...CONSOLE_TO_RELAY_TYPES].sort());
  });

  it.each([
    ['an empty body', { ...send, body: '' }],
    ['a whitespace-only body', { ...send, body: ' \n\t ' }],
    ['a body over the limit', { ...send, body: 'x'.repeat(LIMITS.maxBodyLength + 1) }],
    ['a clientId with spaces', { ...send, clientId: 'has space' }],
    ['a clientId over the limit', { ...send, clientId: 'c'.repeat(LIMITS.maxClientIdLength + 1) }],
    ['a conversationId that is not a UUID', { ...send, conversationId: 'abc' }],
    ['a missing clientId', { type: 'message.send', body: 'hi' }],
    ['a numeric body', { ...send, body: 42 }],
  ])('refuses message.send with %s', (_case, frame) => {
    expect(Value.Check(WidgetToRelay, frame)).toBe(false);
  });

  it('refuses a hello without a protocol version or with a negative resume seq', () => {
    expect(Value.Check(WidgetToRelay, { type: 'hello' })).toBe(false);
    expect(Value.Check(WidgetToRelay, { type: 'hello', protocolVersion: 1, resume: { [send.conversationId!]: -1 } })).toBe(false);
    expect(Value.Check(WidgetToRelay, { type: 'hello', protocolVersion: 1, resume: { 'not-a-uuid': 1 } })).toBe(false);
  });

  it('requires a conversationId on the agent side, where the visitor may omit it', () => {
    const { conversationId: _omit, ...start } = send;
    expect(Value.Check(WidgetToRelay, start)).toBe(true);
    expect(Value.Check(ConsoleToRelay, start)).toBe(false);
  });
});
