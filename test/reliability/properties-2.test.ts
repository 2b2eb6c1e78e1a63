/** Shard 2 of 2 of the generated-input property (see properties.ts). */
import { propertySuite } from './properties';

propertySuite(1, 2);
