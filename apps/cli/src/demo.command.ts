import { createDemoTenant, loadConfig, startRegulars } from '@regulars/server';

export async function commandDemo(opts: { json?: boolean }) {
  const config = loadConfig();
  const running = await startRegulars(config, { serve: false, work: false });
  try {
    const demo = await createDemoTenant(running.ctx);
    if (opts.json) {
      console.log(JSON.stringify(demo));
      return;
    }
    console.log('Demo business created: 老街麻辣火鍋 (a hot-pot restaurant, 2 stores)');
    console.log(`Sign in at ${config.publicUrl}/admin/ with business code "${demo.businessCode}":`);
    for (const a of demo.accounts)
      console.log(`  ${a.role.padEnd(20)} ${a.email.padEnd(26)} ${a.password}`);
  } catch (err) {
    if ((err as { code?: string }).code === 'conflict.duplicate')
      throw new Error('the demo business already exists (business code "hotpot")');
    throw err;
  } finally {
    await running.stop();
  }
}
