/** `omnifn --help` */
export const MAIN_HELP = `omnifn: run portable serverless handlers

Usage:
  omnifn dev <entry> [options]   serve the handlers <entry> exports on http://127.0.0.1:3000
  omnifn --help                  this text (omnifn dev --help for dev's options)
  omnifn --version               the version

Coming next: omnifn invoke, omnifn build --target aws|gcp|azure.
`;

/** `omnifn dev --help` */
export const DEV_HELP = `Usage: omnifn dev <entry> [options]

Serves each http handler that <entry> (TypeScript or JavaScript) exports at /<name>
and below; GET / lists the routes. A message, storage or schedule handler runs once
per POST /<name> whose JSON body holds the event's fields, e.g. {"body":{"id":1}} for
a message (answers 204 when it finished). Each request is logged on stderr; the
handlers' own JSON log lines go to stdout.

Options:
  -p, --port <port>     port to listen on (default: $PORT, else 3000; 0 picks a free one)
      --host <host>     address to listen on (default: 127.0.0.1)
      --emulate aws     answer as API Gateway (HTTP API) and Lambda would: each request
                        becomes an HTTP API 2.0 event run through toAws(handler)
      --timeout <s>     how long a handler may run, in seconds (default: 60, 30 with --emulate aws)
  -h, --help            this text
`;
