;; The MLP's two inner loops for two inputs, in WebAssembly SIMD: ./simd.ts loads it, ./mlp.ts calls it.
;; Each lane does what ./mlp.ts's JavaScript loops do for one number, in the same order, so the results are the
;; same bit for bit (test/reference.test.ts checks both against ./reference.ts).
;;
;; Memory (laid out by ./simd.ts; pointers are byte offsets, rows hold `mp` = m rounded up to even values):
;;   x      two rows: x₀ then x₁ (the padding sample is 0)
;;   A1     n_h rows of hidden activations
;;   Z2     W2·A1, accumulated one hidden unit at a time
;;   dZ2    A2 − Y
;;   dZ1    two hidden units' dZ1, interleaved: [unit a, unit b] for sample 0, then sample 1, …
;;   A2     the output layer's σ(Z2 + b2)
;;   w      a block's weights;   out   a block's sums
(module
  ;; each workspace brings its own memory, sized for its samples and hidden units
  (import "mlp" "memory" (memory 1))

  ;; Forward, four hidden units (rows a1, a1 + mp, …) over two samples per step: z = (w₀·x₀ + w₁·x₁) + b,
  ;; a = ReLU(z) as ./mlp.ts's relu(): (z + |z|)·0.5, or where that is not below +∞, max(0, z) as
  ;; pmax(z, 0) = (z < 0 ? 0 : z), which is z for z ≥ 2¹⁰²³ and NaN, and 0 for −∞; then
  ;; Z2 = Z2 + w2a·aa + w2b·ab + w2c·ac + w2d·ad, left to right.
  ;; w: [wa₀ wa₁ wb₀ wb₁ wc₀ wc₁ wd₀ wd₁ | ba bb bc bd | w2a w2b w2c w2d]
  ;; (ReLU is written out where it is used: Node 20's V8 did not inline a WebAssembly function for it, and the
  ;; call per unit made this loop 1.8× slower.)
  (func (export "forward4") (param $x i32) (param $a1 i32) (param $z2 i32) (param $mp i32) (param $w i32)
    (local $rb i32) (local $o i32) (local $x0 v128) (local $x1 v128)
    (local $wa0 v128) (local $wa1 v128) (local $wb0 v128) (local $wb1 v128)
    (local $wc0 v128) (local $wc1 v128) (local $wd0 v128) (local $wd1 v128)
    (local $ba v128) (local $bb v128) (local $bc v128) (local $bd v128)
    (local $w2a v128) (local $w2b v128) (local $w2c v128) (local $w2d v128)
    (local $za v128) (local $zb v128) (local $zc v128) (local $zd v128)
    (local $aa v128) (local $ab v128) (local $ac v128) (local $ad v128)
    (local $half v128) (local $inf v128) (local $zero v128)
    (local.set $rb (i32.shl (local.get $mp) (i32.const 3)))
    (local.set $half (f64x2.splat (f64.const 0.5)))
    (local.set $inf (f64x2.splat (f64.const inf)))
    (local.set $wa0 (v128.load64_splat offset=0 (local.get $w)))
    (local.set $wa1 (v128.load64_splat offset=8 (local.get $w)))
    (local.set $wb0 (v128.load64_splat offset=16 (local.get $w)))
    (local.set $wb1 (v128.load64_splat offset=24 (local.get $w)))
    (local.set $wc0 (v128.load64_splat offset=32 (local.get $w)))
    (local.set $wc1 (v128.load64_splat offset=40 (local.get $w)))
    (local.set $wd0 (v128.load64_splat offset=48 (local.get $w)))
    (local.set $wd1 (v128.load64_splat offset=56 (local.get $w)))
    (local.set $ba (v128.load64_splat offset=64 (local.get $w)))
    (local.set $bb (v128.load64_splat offset=72 (local.get $w)))
    (local.set $bc (v128.load64_splat offset=80 (local.get $w)))
    (local.set $bd (v128.load64_splat offset=88 (local.get $w)))
    (local.set $w2a (v128.load64_splat offset=96 (local.get $w)))
    (local.set $w2b (v128.load64_splat offset=104 (local.get $w)))
    (local.set $w2c (v128.load64_splat offset=112 (local.get $w)))
    (local.set $w2d (v128.load64_splat offset=120 (local.get $w)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $o) (local.get $rb)))
      (local.set $x0 (v128.load (i32.add (local.get $x) (local.get $o))))
      (local.set $x1 (v128.load (i32.add (i32.add (local.get $x) (local.get $rb)) (local.get $o))))
      (local.set $za (f64x2.add (f64x2.add (f64x2.mul (local.get $wa0) (local.get $x0))
                                          (f64x2.mul (local.get $wa1) (local.get $x1))) (local.get $ba)))
      (local.set $zb (f64x2.add (f64x2.add (f64x2.mul (local.get $wb0) (local.get $x0))
                                          (f64x2.mul (local.get $wb1) (local.get $x1))) (local.get $bb)))
      (local.set $zc (f64x2.add (f64x2.add (f64x2.mul (local.get $wc0) (local.get $x0))
                                          (f64x2.mul (local.get $wc1) (local.get $x1))) (local.get $bc)))
      (local.set $zd (f64x2.add (f64x2.add (f64x2.mul (local.get $wd0) (local.get $x0))
                                          (f64x2.mul (local.get $wd1) (local.get $x1))) (local.get $bd)))
      (local.set $aa (f64x2.mul (f64x2.add (local.get $za) (f64x2.abs (local.get $za))) (local.get $half)))
      (local.set $ab (f64x2.mul (f64x2.add (local.get $zb) (f64x2.abs (local.get $zb))) (local.get $half)))
      (local.set $ac (f64x2.mul (f64x2.add (local.get $zc) (f64x2.abs (local.get $zc))) (local.get $half)))
      (local.set $ad (f64x2.mul (f64x2.add (local.get $zd) (f64x2.abs (local.get $zd))) (local.get $half)))
      (local.set $aa (v128.bitselect (local.get $aa) (f64x2.pmax (local.get $za) (local.get $zero))
                                       (f64x2.lt (local.get $aa) (local.get $inf))))
      (local.set $ab (v128.bitselect (local.get $ab) (f64x2.pmax (local.get $zb) (local.get $zero))
                                       (f64x2.lt (local.get $ab) (local.get $inf))))
      (local.set $ac (v128.bitselect (local.get $ac) (f64x2.pmax (local.get $zc) (local.get $zero))
                                       (f64x2.lt (local.get $ac) (local.get $inf))))
      (local.set $ad (v128.bitselect (local.get $ad) (f64x2.pmax (local.get $zd) (local.get $zero))
                                       (f64x2.lt (local.get $ad) (local.get $inf))))
      (v128.store (i32.add (local.get $a1) (local.get $o)) (local.get $aa))
      (v128.store (i32.add (i32.add (local.get $a1) (local.get $rb)) (local.get $o)) (local.get $ab))
      (v128.store (i32.add (i32.add (local.get $a1) (i32.shl (local.get $rb) (i32.const 1))) (local.get $o))
                  (local.get $ac))
      (v128.store (i32.add (i32.add (local.get $a1) (i32.mul (local.get $rb) (i32.const 3))) (local.get $o))
                  (local.get $ad))
      (v128.store (i32.add (local.get $z2) (local.get $o))
        (f64x2.add (f64x2.add (f64x2.add (f64x2.add (v128.load (i32.add (local.get $z2) (local.get $o)))
                                                    (f64x2.mul (local.get $w2a) (local.get $aa)))
                                         (f64x2.mul (local.get $w2b) (local.get $ab)))
                              (f64x2.mul (local.get $w2c) (local.get $ac)))
                   (f64x2.mul (local.get $w2d) (local.get $ad))))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $next))))

  ;; Forward, one hidden unit (row a1) over two samples per step, as forward4 does each.  w: [w₀ w₁ b w2]
  (func (export "forward1") (param $x i32) (param $a1 i32) (param $z2 i32) (param $mp i32) (param $w i32)
    (local $rb i32) (local $o i32) (local $w0 v128) (local $w1 v128) (local $b v128) (local $w2 v128)
    (local $z v128) (local $a v128)
    (local.set $rb (i32.shl (local.get $mp) (i32.const 3)))
    (local.set $w0 (v128.load64_splat offset=0 (local.get $w)))
    (local.set $w1 (v128.load64_splat offset=8 (local.get $w)))
    (local.set $b (v128.load64_splat offset=16 (local.get $w)))
    (local.set $w2 (v128.load64_splat offset=24 (local.get $w)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $o) (local.get $rb)))
      (local.set $z
        (f64x2.add (f64x2.add (f64x2.mul (local.get $w0) (v128.load (i32.add (local.get $x) (local.get $o))))
                              (f64x2.mul (local.get $w1)
                                         (v128.load (i32.add (i32.add (local.get $x) (local.get $rb)) (local.get $o)))))
                   (local.get $b)))
      (local.set $a (f64x2.mul (f64x2.add (local.get $z) (f64x2.abs (local.get $z))) (f64x2.splat (f64.const 0.5))))
      (local.set $a (v128.bitselect (local.get $a) (f64x2.pmax (local.get $z) (f64x2.splat (f64.const 0)))
                                    (f64x2.lt (local.get $a) (f64x2.splat (f64.const inf)))))
      (v128.store (i32.add (local.get $a1) (local.get $o)) (local.get $a))
      (v128.store (i32.add (local.get $z2) (local.get $o))
        (f64x2.add (v128.load (i32.add (local.get $z2) (local.get $o))) (f64x2.mul (local.get $w2) (local.get $a))))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $next))))

  ;; The output layer, two samples per step: A2 = 1 / (1 + exp(−z)), z = Z2 + b2 clipped to [−500, 500] (NaN
  ;; stays NaN), as ./mlp.ts's forward computes it with Math.exp. pmin(z, 500) is (500 < z ? 500 : z) and
  ;; pmax(·, −500) is (· < −500 ? −500 : ·).
  (func (export "output") (param $z2 i32) (param $a2 i32) (param $mp i32) (param $b2 f64)
    (local $o i32) (local $end i32) (local $b v128) (local $z v128) (local $one v128)
    (local.set $b (f64x2.splat (local.get $b2)))
    (local.set $one (f64x2.splat (f64.const 1)))
    (local.set $end (i32.shl (local.get $mp) (i32.const 3)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $o) (local.get $end)))
      (local.set $z (f64x2.add (v128.load (i32.add (local.get $z2) (local.get $o))) (local.get $b)))
      (local.set $z (f64x2.pmax (f64x2.pmin (local.get $z) (f64x2.splat (f64.const 500)))
                                (f64x2.splat (f64.const -500))))
      (v128.store (i32.add (local.get $a2) (local.get $o))
        (f64x2.div (local.get $one) (f64x2.add (local.get $one) (call $exp (f64x2.neg (local.get $z))))))
      (local.set $o (i32.add (local.get $o) (i32.const 16)))
      (br $next))))

  ;; exp(x) in each lane as V8 computes Math.exp (src/base/ieee754.cc: fdlibm's e_exp.c, exp(1) = E exactly):
  ;; the same operations on the same constants in the same order, so the same bits for |x| < 709 (the output
  ;; layer's |x| ≤ 500; no overflow or underflow branch). fdlibm's branches become selects:
  ;;   |x| ≤ ln2/2 (high word ≤ 0x3fd62e42): k = 0, else k = trunc(x/ln2 ± 0.5) (±1 below 1.5·ln2, as its
  ;;     special case gives); hi = x − k·ln2hi, lo = k·ln2lo, r = hi − lo (with k = 0: hi = x, lo = 0, r = x);
  ;;   c = r − r²·(P1 + r²·(P2 + r²·(P3 + r²·(P4 + r²·P5))));  y = 1 − ((lo − r·c/(2 − c)) − hi);  exp = y·2ᵏ.
  ;;     For k = 0 fdlibm writes 1 − (r·c/(c − 2) − r): the same number, as r·c/(c − 2) = −(r·c/(2 − c)) exactly
  ;;     and 0 − q = −q for q ≠ 0;
  ;;   |x| < 2⁻²⁸: 1 + x;  x = 1: E.
  ;; 2ᵏ is built from its bits: k + 1.5·2⁵² holds k in its low bits, so (those bits + 1023) << 52 is 2ᵏ.
  ;; ./simd.ts checks at load that this gives the engine's Math.exp on a set of numbers (else the output layer
  ;; stays in JavaScript), and test/simd.test.ts compares them on millions.
  (func $exp (param $x v128) (result v128)
    (local $ax v128) (local $k v128) (local $hi v128) (local $lo v128) (local $r v128) (local $rr v128)
    (local $c v128) (local $y v128) (local $twopk v128)
    (local.set $ax (f64x2.abs (local.get $x)))
    (local.set $k (v128.and
      (f64x2.trunc (f64x2.add (f64x2.mul (f64x2.splat (f64.const 0x1.71547652b82fep+0)) (local.get $x))
        (v128.or (f64x2.splat (f64.const 0.5))
                 (v128.and (local.get $x) (v128.const i64x2 0x8000000000000000 0x8000000000000000)))))
      (f64x2.ge (local.get $ax) (f64x2.splat (f64.const 0x1.62e43p-2)))))
    (local.set $hi (f64x2.sub (local.get $x) (f64x2.mul (local.get $k) (f64x2.splat (f64.const 0x1.62e42feep-1)))))
    (local.set $lo (f64x2.mul (local.get $k) (f64x2.splat (f64.const 0x1.a39ef35793c76p-33))))
    (local.set $r (f64x2.sub (local.get $hi) (local.get $lo)))
    (local.set $rr (f64x2.mul (local.get $r) (local.get $r)))
    (local.set $c (f64x2.sub (local.get $r) (f64x2.mul (local.get $rr)
      (f64x2.add (f64x2.splat (f64.const 0x1.555555555553ep-3)) (f64x2.mul (local.get $rr)
      (f64x2.add (f64x2.splat (f64.const -0x1.6c16c16bebd93p-9)) (f64x2.mul (local.get $rr)
      (f64x2.add (f64x2.splat (f64.const 0x1.1566aaf25de2cp-14)) (f64x2.mul (local.get $rr)
      (f64x2.add (f64x2.splat (f64.const -0x1.bbd41c5d26bf1p-20))
                 (f64x2.mul (local.get $rr) (f64x2.splat (f64.const 0x1.6376972bea4d0p-25)))))))))))))
    (local.set $y (f64x2.sub (f64x2.splat (f64.const 1))
      (f64x2.sub (f64x2.sub (local.get $lo)
                            (f64x2.div (f64x2.mul (local.get $r) (local.get $c))
                                       (f64x2.sub (f64x2.splat (f64.const 2)) (local.get $c))))
                 (local.get $hi))))
    (local.set $twopk (i64x2.shl (i64x2.add (f64x2.add (local.get $k) (f64x2.splat (f64.const 0x1.8p52)))
                                            (i64x2.splat (i64.const 1023)))
                                 (i32.const 52)))
    (v128.bitselect (f64x2.splat (f64.const 0x1.5bf0a8b145769p+1))
      (v128.bitselect (f64x2.add (f64x2.splat (f64.const 1)) (local.get $x))
                      (f64x2.mul (local.get $y) (local.get $twopk))
                      (f64x2.lt (local.get $ax) (f64x2.splat (f64.const 0x1p-28))))
      (f64x2.eq (local.get $x) (f64x2.splat (f64.const 1)))))

  ;; numpy's pairwise sum of n pairs (p: [lane 0, lane 1] per element), each lane on its own, as
  ;; src/matrix.ts's pairwiseSum: under 8 in order from 0; up to 128 in eight running sums; else split in two.
  (func $pairwise (param $p i32) (param $n i32) (result v128)
    (local $i i32) (local $end i32) (local $n2 i32) (local $res v128)
    (local $r0 v128) (local $r1 v128) (local $r2 v128) (local $r3 v128)
    (local $r4 v128) (local $r5 v128) (local $r6 v128) (local $r7 v128)
    (if (i32.lt_s (local.get $n) (i32.const 8))
      (then
        (block $done (loop $next
          (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
          (local.set $res (f64x2.add (local.get $res)
                                     (v128.load (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 4))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
        (return (local.get $res))))
    (if (i32.le_s (local.get $n) (i32.const 128))
      (then
        (local.set $r0 (v128.load offset=0 (local.get $p)))
        (local.set $r1 (v128.load offset=16 (local.get $p)))
        (local.set $r2 (v128.load offset=32 (local.get $p)))
        (local.set $r3 (v128.load offset=48 (local.get $p)))
        (local.set $r4 (v128.load offset=64 (local.get $p)))
        (local.set $r5 (v128.load offset=80 (local.get $p)))
        (local.set $r6 (v128.load offset=96 (local.get $p)))
        (local.set $r7 (v128.load offset=112 (local.get $p)))
        (local.set $end (i32.sub (local.get $n) (i32.rem_s (local.get $n) (i32.const 8))))
        (local.set $i (i32.const 8))
        (block $done (loop $next
          (br_if $done (i32.ge_s (local.get $i) (local.get $end)))
          (local.set $n2 (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 4))))
          (local.set $r0 (f64x2.add (local.get $r0) (v128.load offset=0 (local.get $n2))))
          (local.set $r1 (f64x2.add (local.get $r1) (v128.load offset=16 (local.get $n2))))
          (local.set $r2 (f64x2.add (local.get $r2) (v128.load offset=32 (local.get $n2))))
          (local.set $r3 (f64x2.add (local.get $r3) (v128.load offset=48 (local.get $n2))))
          (local.set $r4 (f64x2.add (local.get $r4) (v128.load offset=64 (local.get $n2))))
          (local.set $r5 (f64x2.add (local.get $r5) (v128.load offset=80 (local.get $n2))))
          (local.set $r6 (f64x2.add (local.get $r6) (v128.load offset=96 (local.get $n2))))
          (local.set $r7 (f64x2.add (local.get $r7) (v128.load offset=112 (local.get $n2))))
          (local.set $i (i32.add (local.get $i) (i32.const 8)))
          (br $next)))
        (local.set $res
          (f64x2.add (f64x2.add (f64x2.add (local.get $r0) (local.get $r1)) (f64x2.add (local.get $r2) (local.get $r3)))
                     (f64x2.add (f64x2.add (local.get $r4) (local.get $r5)) (f64x2.add (local.get $r6) (local.get $r7)))))
        (block $done (loop $next
          (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
          (local.set $res (f64x2.add (local.get $res)
                                     (v128.load (i32.add (local.get $p) (i32.shl (local.get $i) (i32.const 4))))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $next)))
        (return (local.get $res))))
    (local.set $n2 (i32.shr_s (local.get $n) (i32.const 1)))
    (local.set $n2 (i32.sub (local.get $n2) (i32.rem_s (local.get $n2) (i32.const 8))))
    (f64x2.add (call $pairwise (local.get $p) (local.get $n2))
               (call $pairwise (i32.add (local.get $p) (i32.shl (local.get $n2) (i32.const 4)))
                               (i32.sub (local.get $n) (local.get $n2)))))

  ;; Backward, two hidden units a and b (rows a1a, a1b; the same row twice for a last odd unit) as the two lanes,
  ;; one sample per step, every sum in sample order: s2 += dZ2·a; dZ1 = (w2·dZ2)·[a > 0]; s0 += dZ1·x₀;
  ;; s1 += dZ1·x₁. Then the pairwise sum of each unit's dZ1.  w: [w2a w2b];  out: [s0 | s1 | s2 | Σ dZ1], 2 each
  (func (export "backward2") (param $x i32) (param $a1a i32) (param $a1b i32) (param $dz2 i32) (param $dz1 i32)
                             (param $m i32) (param $mp i32) (param $w i32) (param $out i32)
    (local $mb i32) (local $x1 i32) (local $o i32) (local $w2 v128) (local $a v128) (local $d2 v128) (local $d1 v128)
    (local $s0 v128) (local $s1 v128) (local $s2 v128) (local $zero v128) (local $one v128)
    (local.set $mb (i32.shl (local.get $m) (i32.const 3)))
    (local.set $x1 (i32.add (local.get $x) (i32.shl (local.get $mp) (i32.const 3))))
    (local.set $w2 (v128.load (local.get $w)))
    (local.set $one (f64x2.splat (f64.const 1)))
    (block $done (loop $next
      (br_if $done (i32.ge_u (local.get $o) (local.get $mb)))
      (local.set $a (v128.load64_lane 1 (i32.add (local.get $a1b) (local.get $o))
                                        (v128.load64_zero (i32.add (local.get $a1a) (local.get $o)))))
      (local.set $d2 (v128.load64_splat (i32.add (local.get $dz2) (local.get $o))))
      (local.set $s2 (f64x2.add (local.get $s2) (f64x2.mul (local.get $d2) (local.get $a))))
      (local.set $d1 (f64x2.mul (f64x2.mul (local.get $w2) (local.get $d2))
                                (v128.and (f64x2.gt (local.get $a) (local.get $zero)) (local.get $one))))
      (v128.store (i32.add (local.get $dz1) (i32.shl (local.get $o) (i32.const 1))) (local.get $d1))
      (local.set $s0 (f64x2.add (local.get $s0)
        (f64x2.mul (local.get $d1) (v128.load64_splat (i32.add (local.get $x) (local.get $o))))))
      (local.set $s1 (f64x2.add (local.get $s1)
        (f64x2.mul (local.get $d1) (v128.load64_splat (i32.add (local.get $x1) (local.get $o))))))
      (local.set $o (i32.add (local.get $o) (i32.const 8)))
      (br $next)))
    (v128.store offset=0 (local.get $out) (local.get $s0))
    (v128.store offset=16 (local.get $out) (local.get $s1))
    (v128.store offset=32 (local.get $out) (local.get $s2))
    (v128.store offset=48 (local.get $out) (call $pairwise (local.get $dz1) (local.get $m)))))
