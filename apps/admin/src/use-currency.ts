import { useApiGet } from './use-api';

/** The business's currency (for prices and purchases in minor units); TWD until it is known. */
export function useCurrency(): string {
  const settings = useApiGet<{ currency: string }>('/settings');
  return settings.data?.currency ?? 'TWD';
}
