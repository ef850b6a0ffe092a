import { ed25519, ristretto255 } from '@noble/curves/ed25519.js';
import { canonicalCoordinates, Ext } from './point.js';

/**
 * ristretto255 elements are @noble/curves points (the group's element type); the kernels work on
 * their Edwards representatives. Conversion is free one way and costs four reductions the other.
 */
type NobleRistretto = InstanceType<typeof ristretto255.Point>;

export function fromNoble(p: NobleRistretto): Ext {
  // `ep` is the representative noble wraps (protected in its types, public at run time).
  const { X, Y, Z, T } = (p as unknown as { ep: { X: bigint; Y: bigint; Z: bigint; T: bigint } }).ep;
  return new Ext(X, Y, Z, T);
}

export function toNoble(p: Ext): NobleRistretto {
  const [X, Y, Z, T] = canonicalCoordinates(p);
  return new ristretto255.Point(new ed25519.Point(X, Y, Z, T));
}
