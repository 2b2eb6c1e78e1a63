/** Shard 1 of 2 of the generated-input property (see properties.ts). */
import { propertySuite } from './properties';

propertySuite(0, 2);
