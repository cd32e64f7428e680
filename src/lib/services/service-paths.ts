/** URLs of Passerelle's pages about services, in one place. */
import type { ServiceKind } from './service-vocabulary.ts';
import { SERVICE_KIND_INFO } from './service-vocabulary.ts';

/** Page of one service: /annuaire/maison-des-parents-arras/ */
export function servicePath(serviceId: string): string {
  return `/annuaire/${serviceId}/`;
}

/** Page of one kind of service: /services/espace-rencontre/ */
export function kindPath(kind: ServiceKind): string {
  return SERVICE_KIND_INFO[kind].path;
}

/** The referral form, with a service preselected when given. */
export function orientationPath(serviceId?: string): string {
  return serviceId ? `/orienter/?service=${encodeURIComponent(serviceId)}` : '/orienter/';
}
