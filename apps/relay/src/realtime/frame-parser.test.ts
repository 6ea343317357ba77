import { ConsoleToRelay, LIMITS, WidgetToRelay } from '@parley/protocol';
import { consoleToRelayExamples, widgetToRelayExamples } from '@parley/protocol/examples';
import { describe, expect, it } from 'vitest';
import { createFrameParser } from './frame-parser';

const widget = createFrameParser<WidgetToRelay>(WidgetToRelay);
const consoleParser = createFrameParser<ConsoleToRelay>(ConsoleToRelay);
const raw = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

describe('frame parser', () => {
  it.each(Object.values(widgetToRelayExamples))('accepts the widget example $type', (frame) => {
    expect(widget.parse(raw(frame), false)).toEqual({ ok: true, frame });
  });

  it.each(Object.values(consoleToRelayExamples))('accepts the console example $type', (frame) => {
    expect(consoleParser.parse(raw(frame), false)).toEqual({ ok: true, frame });
  });

  it('maps each kind of bad input to its code', () => {
    expect(widget.parse(raw('{oops'), false)).toMatchObject({ ok: false, code: 'bad_json' });
    expect(widget.parse(raw('"a string"'), false)).toMatchObject({ ok: false, code: 'invalid_frame' });
    expect(widget.parse(raw({ type: 'nope' }), false)).toMatchObject({ ok: false, code: 'unknown_frame', ref: 'nope' });
    expect(widget.parse(raw({ body: 'no type' }), false)).toMatchObject({ ok: false, code: 'unknown_frame' });
    expect(widget.parse(raw({ type: 'conversation.watch', conversationId: 'x', afterSeq: 0 }), false)).toMatchObject({
      ok: false,
      code: 'unknown_frame',
    });
    expect(widget.parse(raw({ type: 'ping' }), true)).toMatchObject({ ok: false, code: 'bad_json' });
    expect(widget.parse(Buffer.alloc(LIMITS.maxFrameBytes + 1, 0x20), false)).toMatchObject({ ok: false, code: 'frame_too_large' });
  });

  it('names the failing field and the clientId of an invalid message.send', () => {
    const result = widget.parse(raw({ type: 'message.send', clientId: 'abc', body: '' }), false);
    expect(result).toMatchObject({ ok: false, code: 'invalid_frame', ref: 'abc' });
    expect(result.ok === false && result.detail).toMatch(/^\/body/);
  });

  it('accepts fragmented frames given as a list of buffers', () => {
    const bytes = raw({ type: 'ping', ts: 5 });
    expect(widget.parse([bytes.subarray(0, 5), bytes.subarray(5)] as unknown as Buffer, false)).toEqual({
      ok: true,
      frame: { type: 'ping', ts: 5 },
    });
  });
});
