import type { Response } from 'express';

/** What a handler answered through a recording response. */
export interface RecordedAnswer {
  status?: number;
  body?: { errors: { message: string; extensions: { code: string } }[] };
}

/** An Express response that records the status and JSON body a middleware sends, for unit tests. */
export function recordingResponse(locals: Record<string, unknown> = {}): { response: Response; answer: RecordedAnswer } {
  const answer: RecordedAnswer = {};
  const response = {
    headersSent: false,
    locals,
    status(status: number) {
      answer.status = status;
      return this;
    },
    set() {
      return this;
    },
    json(body: RecordedAnswer['body']) {
      answer.body = body;
      return this;
    },
  };
  return { response: response as unknown as Response, answer };
}
