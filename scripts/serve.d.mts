import type { Server } from 'node:http';
export interface ServeOptions {
  /** Origins allowed to frame the app (CSP frame-ancestors); none by default. */
  frameAncestors?: readonly string[];
}
export declare const CSP: string;
export declare function contentSecurityPolicy(options?: ServeOptions): string;
export declare function parseFrameAncestors(text: string | undefined): string[];
export declare function pickEncoding(header: string | undefined): 'br' | 'gzip' | null;
export declare function createAppServer(root?: string, options?: ServeOptions): Server;
