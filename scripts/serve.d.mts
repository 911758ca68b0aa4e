import type { Server } from 'node:http';
export declare const CSP: string;
export declare function createAppServer(root?: string): Server;
