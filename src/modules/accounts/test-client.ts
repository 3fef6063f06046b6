import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { Client } from '../../../test/helpers.ts';

let nextAddress = 1;

/**
 * A browser stand-in with an address of its own, so the per-address rate limits of one test
 * do not spill into the next.
 */
export class BrowserAt extends Client {
  readonly ip: string;

  constructor(app: FastifyInstance, ip?: string) {
    super(app);
    const n = nextAddress++;
    this.ip = ip ?? `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;
  }

  override request(options: InjectOptions): Promise<LightMyRequestResponse> {
    return super.request({ ...options, remoteAddress: this.ip });
  }

  /** The page's markup without the per-request CSRF token, for comparing two answers. */
  static comparable(body: string): string {
    return body.replace(/name="_csrf" value="[^"]+"/g, 'name="_csrf" value=""');
  }
}
