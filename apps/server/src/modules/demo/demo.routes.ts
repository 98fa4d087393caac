import { DemoProgress } from '@regulars/contracts';
import { authOf } from '../../http/context';
import type { Api } from '../../http/routes';
import { demoProgress } from './demo-progress';

/** How far the demo business's generated data is (state none outside the demo). */
export function registerDemoRoutes(api: Api): void {
  const ctx = api.ctx;
  api.get(
    '/demo/progress',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['Demo'], response: { 200: DemoProgress } },
    },
    async (req) => demoProgress(ctx, authOf(req).tenantId),
  );
}
