export interface HeaderOptions {
  /** Origins allowed to frame the app (CSP frame-ancestors); none by default. */
  frameAncestors?: readonly string[];
}
export declare const HEADERS_FILE: '_headers';
export declare const NGINX_HEADERS_FILE: 'nginx-headers.conf';
export declare const SERVER_FILES: readonly string[];
export declare const IMMUTABLE: string;
export declare function contentSecurityPolicy(options?: HeaderOptions): string;
export declare function parseFrameAncestors(text: string | undefined): string[];
export declare function securityHeaders(options?: HeaderOptions): Record<string, string>;
export declare function cacheControl(path: string): string;
export declare function headersFileText(dir: string, options?: HeaderOptions): string;
export declare function nginxHeadersText(options?: HeaderOptions): string;
export declare function writeHeaderFiles(dir: string, options?: HeaderOptions): void;
export declare function recordedFrameAncestors(dir: string): string[] | null;
