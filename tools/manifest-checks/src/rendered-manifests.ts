/** What the checks judge: every environment, rendered with the committed releases. */
import { RELEASES, type RenderedObject, renderEnvironments, renderedObjects } from '@slipway/deploy';

export function renderedManifests(): RenderedObject[] {
  return renderedObjects(renderEnvironments(RELEASES));
}
