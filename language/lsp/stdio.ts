/**
 * The language server over standard input and output, as any editor starts it: `aco lsp --stdio`,
 * `aco-language-server --stdio`, or `node out/extension/server.cjs --stdio`.
 *
 * Beyond vscode-languageserver's own stdio set-up, it keeps the protocol stream clean and never
 * leaves a client waiting on a server that stopped listening:
 * - a message whose header cannot be framed (no Content-Length, or not a number) makes the server
 *   exit at once with one clear line on stderr: past such a header nothing can be read reliably;
 * - a body that is not JSON is answered with a JSON-RPC parse error, and reading goes on;
 * - `console.*` goes to the client's log, never into stdout, where it would corrupt the stream;
 * - the end of stdin (the editor went away) ends the server.
 */
import '../polyfills.js';
import { createConnection, ProposedFeatures, StreamMessageReader, StreamMessageWriter, type Connection } from 'vscode-languageserver/node';
import { startAcoServer, type ServerOptions } from './server.js';

export const EXIT_PROTOCOL_ERROR = 1;

export function startStdioLanguageServer(options: ServerOptions): Connection {
    const reader = new StreamMessageReader(process.stdin);
    const writer = new StreamMessageWriter(process.stdout);
    reader.onError(error => {
        if (error instanceof SyntaxError) {
            void writer.write({ jsonrpc: '2.0', id: null, error: { code: -32700, message: `Parse error: the message body is not JSON (${error.message}).` } } as never);
            return;
        }
        process.stderr.write(`aco language server: cannot read the client's messages: ${error.message.split('\n')[0]} `
            + 'Every message needs a "Content-Length: <bytes>" header, then a blank line, then the JSON body. Exiting.\n');
        process.exit(EXIT_PROTOCOL_ERROR);
    });
    const connection = createConnection(ProposedFeatures.all, reader, writer);
    redirectConsole(connection);
    let shutdown = false;
    connection.onShutdown(() => {
        shutdown = true;
    });
    const end = (): void => process.exit(shutdown ? 0 : 1);
    process.stdin.on('end', end);
    process.stdin.on('close', end);
    startAcoServer(connection, options);
    return connection;
}

/** Log output goes to the client (window/logMessage) rather than into the protocol stream. */
function redirectConsole(connection: Connection): void {
    const text = (args: unknown[]): string => args.map(a => typeof a === 'string' ? a : a instanceof Error ? a.message : JSON.stringify(a)).join(' ');
    console.log = (...args: unknown[]) => connection.console.log(text(args));
    console.info = (...args: unknown[]) => connection.console.info(text(args));
    console.warn = (...args: unknown[]) => connection.console.warn(text(args));
    console.error = (...args: unknown[]) => connection.console.error(text(args));
    console.debug = () => undefined;
}
