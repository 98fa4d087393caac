import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { pickLanguage, type Language } from '@regulars/contracts';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from './errors';

/**
 * The caller's language: what the request asks for (the console sends the language its user
 * chose), else the staff member's own setting, else English.
 */
export function languageOf(req: FastifyRequest): Language {
  const asked = req.headers['accept-language'];
  return asked ? pickLanguage(asked) : (req.auth?.language ?? 'en');
}

type Issue = { path: string; message: string };

function validationIssues(err: FastifyError): Issue[] {
  const raw = (err.validation ?? []) as {
    instancePath?: string;
    message?: string;
    params?: { issue?: { path?: (string | number)[]; message?: string; keys?: string[] } };
  }[];
  return raw.map((v) => {
    const issue = v.params?.issue;
    // The zod provider gives a JSON pointer (/admin/email); callers read it as admin.email.
    const pointer = (v.instancePath ?? '').slice(1).replaceAll('/', '.');
    const path = issue?.path?.length ? issue.path.join('.') : pointer;
    const where = `${err.validationContext ?? 'body'}${path ? '.' + path : ''}`;
    return { path: where, message: issue?.message ?? v.message ?? 'invalid' };
  });
}

/** Turns anything thrown into the one error shape: { error: { code, message, requestId } }. */
function toAppError(err: FastifyError): AppError | null {
  if (err instanceof AppError) return err;
  if (hasZodFastifySchemaValidationErrors(err) || err.validation) {
    const issues = validationIssues(err);
    const detail = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    return new AppError('request.invalid', { detail }, { issues });
  }
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('request.malformed_json');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('request.too_large', { limit: '1 MB' });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('request.unsupported_media_type');
  }
  if (err instanceof SyntaxError && err.statusCode === 400)
    return new AppError('request.malformed_json');
  return null;
}

const sizeLabel = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    const lang = languageOf(req);
    const known = toAppError(err);
    if (known) {
      if (known.code === 'request.too_large')
        known.params.limit = sizeLabel(req.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit!);
      return reply.status(known.status).send(known.body(lang, req.id));
    }
    // Unexpected: log what helps to fix it, never the values (a pg error's detail holds data).
    const pgErr = err as FastifyError & { table?: string; constraint?: string };
    req.log.error(
      {
        err: { type: err.name, code: err.code, message: err.message, stack: err.stack },
        table: pgErr.table,
        constraint: pgErr.constraint,
      },
      'unexpected error',
    );
    return reply.status(500).send(new AppError('internal').body(lang, req.id));
  });

  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send(new AppError('route.not_found').body(languageOf(req), req.id));
  });
}
