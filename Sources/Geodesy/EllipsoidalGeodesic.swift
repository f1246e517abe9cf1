import Foundation

/// Geodesics on an oblate ellipsoid of revolution by Karney's algorithm
/// (C. F. F. Karney, "Algorithms for geodesics", J. Geodesy 87, 43–55, 2013).
///
/// The geodesic is mapped to a great circle on an auxiliary sphere (reduced latitude β,
/// arc length σ, spherical longitude ω). Distance and longitude follow from the integrals
/// I₁, I₂, I₃, expanded in the third flattening n and ε to sixth order (`GeodesicSeries`), which
/// keeps the truncation error near round-off for terrestrial flattening. The inverse problem is
/// a root-finding problem for the azimuth α₁ at the first point (§ 4): λ₁₂(α₁) equals the
/// given longitude difference. The start value is spherical for most lines, Vincenty-like for
/// short ones and the astroid solution of § 5 for nearly antipodal points, and Newton's method
/// (with the exact derivative ∂λ/∂α₁ = m₁₂/(a cos α₂ cos β₂), eq. 38) converges in a few steps,
/// safeguarded by bisection on a bracket of α₁.
public struct EllipsoidalGeodesic: Sendable {
    /// Equatorial radius a, metres.
    public let equatorialRadius: Double
    /// Flattening f = (a − b)/a; this implementation requires an oblate ellipsoid, 0 < f < 1.
    public let flattening: Double

    let f1: Double          // 1 − f
    let e2: Double          // e² = f(2 − f)
    let ep2: Double         // e′² = e²/(1 − f)²
    let n: Double           // third flattening f/(2 − f)
    let b: Double           // polar semi-axis
    let etol2: Double       // threshold for the short-line shortcut
    let third: ThirdFlatteningSeries

    static let tol0 = Double.ulpOfOne
    static let tol1 = 200 * tol0
    static let tol2 = tol0.squareRoot()
    static let tolb = tol0 * tol2
    static let xthresh = 1000 * tol2
    static let tiny = Double.leastNormalMagnitude.squareRoot()
    static let newtonIterations = 20
    static let maxIterations = newtonIterations + Double.significandBitCount + 1 + 10

    public init(equatorialRadius a: Double, flattening f: Double) {
        precondition(a > 0 && f > 0 && f < 1, "EllipsoidalGeodesic needs a > 0 and 0 < f < 1")
        equatorialRadius = a
        flattening = f
        f1 = 1 - f
        e2 = f * (2 - f)
        ep2 = e2 / (f1 * f1)
        n = f / (2 - f)
        b = a * f1
        etol2 = 0.1 * EllipsoidalGeodesic.tol2
            / (max(0.001, abs(f)) * min(1, 1 - f / 2) / 2).squareRoot()
        third = ThirdFlatteningSeries(n: n)
    }

    /// The inverse problem: shortest geodesic from (lat1, lon1) to (lat2, lon2), degrees.
    /// Latitudes outside [−90°, 90°] give NaN; longitudes may be any finite value.
    public func inverse(lat1: Double, lon1: Double, lat2: Double, lon2: Double) -> GeodesicInverse {
        typealias A = AngleArithmetic
        guard abs(lat1) <= 90, abs(lat2) <= 90, lon1.isFinite, lon2.isFinite else {
            return GeodesicInverse(distanceMetres: .nan, azimuth1: .nan, azimuth2: .nan, arcDegrees: .nan)
        }
        // Longitude difference in [0, 180] (lon12) and its supplement 180 − lon12 (lon12s),
        // the latter carrying the rounding error so nearly antipodal lines stay accurate.
        let (rawLon12, lon12Error) = A.longitudeDifference(lon1, lon2)
        var lonSign: Double = rawLon12.sign == .minus ? -1 : 1
        let lon12 = lonSign * A.roundTiny(rawLon12)
        let lon12s = A.roundTiny((180 - lon12) - lonSign * lon12Error)
        let lam12 = lon12 * A.radiansPerDegree
        var slam12: Double, clam12: Double
        if lon12 > 90 {
            let sc = A.sinCos(degrees: lon12s)
            slam12 = sc.sin; clam12 = -sc.cos
        } else {
            let sc = A.sinCos(degrees: lon12)
            slam12 = sc.sin; clam12 = sc.cos
        }

        // Canonical configuration (§ 4): |lat1| ≥ |lat2|, lat1 ≤ 0, lon12 ≥ 0.
        var phi1 = A.roundTiny(lat1), phi2 = A.roundTiny(lat2)
        let swapSign: Double = abs(phi1) < abs(phi2) ? -1 : 1
        if swapSign < 0 {
            lonSign = -lonSign
            swap(&phi1, &phi2)
        }
        let latSign: Double = phi1 < 0 ? 1 : -1
        phi1 *= latSign
        phi2 *= latSign

        // Reduced latitudes: tan β = (1 − f) tan φ.
        var (sbet1, cbet1) = A.sinCos(degrees: phi1)
        sbet1 *= f1
        (sbet1, cbet1) = A.normalized(sbet1, cbet1)
        cbet1 = max(EllipsoidalGeodesic.tiny, cbet1)
        var (sbet2, cbet2) = A.sinCos(degrees: phi2)
        sbet2 *= f1
        (sbet2, cbet2) = A.normalized(sbet2, cbet2)
        cbet2 = max(EllipsoidalGeodesic.tiny, cbet2)
        // Make β₂ = ±β₁ exact when the latitudes are equal in magnitude.
        if cbet1 < -sbet1 {
            if cbet2 == cbet1 { sbet2 = copysign(sbet1, sbet2) }
        } else if abs(sbet2) == -sbet1 {
            cbet2 = cbet1
        }
        let dn1 = (1 + ep2 * sbet1 * sbet1).squareRoot()
        let dn2 = (1 + ep2 * sbet2 * sbet2).squareRoot()

        var salp1 = 0.0, calp1 = 0.0, salp2 = 0.0, calp2 = 0.0
        var sig12 = 0.0, s12 = 0.0
        var meridian = phi1 == -90 || slam12 == 0

        if meridian {
            // Along a meridian: α₁ = λ₁₂ (0 or 180°), α₂ = 0, and ε = n (§ 4, α₀ = 0).
            calp1 = clam12; salp1 = slam12
            calp2 = 1; salp2 = 0
            let ssig1 = sbet1, csig1 = calp1 * cbet1
            let ssig2 = sbet2, csig2 = calp2 * cbet2
            sig12 = atan2(max(0, csig1 * ssig2 - ssig1 * csig2), csig1 * csig2 + ssig1 * ssig2)
            let len = lengths(eps: n, sig12: sig12, ssig1: ssig1, csig1: csig1, dn1: dn1,
                              ssig2: ssig2, csig2: csig2, dn2: dn2)
            // A meridian is the shortest path unless it runs past a conjugate point (m₁₂ < 0).
            if sig12 < 1 || len.m12b >= 0 {
                if sig12 < 3 * EllipsoidalGeodesic.tiny { sig12 = 0; s12 = 0 } else { s12 = len.s12b * b }
            } else {
                meridian = false
            }
        }

        if !meridian && sbet1 == 0 && lon12s >= flattening * 180 {
            // Along the equator, which is shortest for λ₁₂ ≤ (1 − f)·180°.
            calp1 = 0; calp2 = 0; salp1 = 1; salp2 = 1
            s12 = equatorialRadius * lam12
            sig12 = lam12 / f1
        } else if !meridian {
            let start = inverseStart(sbet1: sbet1, cbet1: cbet1, dn1: dn1, sbet2: sbet2, cbet2: cbet2,
                                     dn2: dn2, lam12: lam12, slam12: slam12, clam12: clam12)
            salp1 = start.salp1; calp1 = start.calp1
            if start.sig12 >= 0 {
                // Short line: the start is already exact to round-off.
                sig12 = start.sig12
                salp2 = start.salp2; calp2 = start.calp2
                s12 = sig12 * b * start.dnm
            } else {
                var newton = 0
                var salp1a = EllipsoidalGeodesic.tiny, calp1a = 1.0
                var salp1b = EllipsoidalGeodesic.tiny, calp1b = -1.0
                var tripNewton = false, tripBisection = false
                var last = LambdaResult()
                while true {
                    last = lambda12(sbet1: sbet1, cbet1: cbet1, dn1: dn1, sbet2: sbet2, cbet2: cbet2,
                                    dn2: dn2, salp1: salp1, calp1: calp1, slam120: slam12, clam120: clam12,
                                    wantDerivative: newton < EllipsoidalGeodesic.newtonIterations)
                    let v = last.residual
                    if tripBisection || !(abs(v) >= (tripNewton ? 8 : 1) * EllipsoidalGeodesic.tol0)
                        || newton == EllipsoidalGeodesic.maxIterations { break }
                    // Keep the bracket [α₁a, α₁b] around the root.
                    if v > 0 && (newton > EllipsoidalGeodesic.newtonIterations || calp1 / salp1 > calp1b / salp1b) {
                        salp1b = salp1; calp1b = calp1
                    } else if v < 0 && (newton > EllipsoidalGeodesic.newtonIterations || calp1 / salp1 < calp1a / salp1a) {
                        salp1a = salp1; calp1a = calp1
                    }
                    newton += 1
                    if newton <= EllipsoidalGeodesic.newtonIterations && last.derivative > 0 {
                        let dalp1 = -v / last.derivative
                        if abs(dalp1) < Double.pi {
                            let sd = sin(dalp1), cd = cos(dalp1)
                            let nsalp1 = salp1 * cd + calp1 * sd
                            if nsalp1 > 0 {
                                calp1 = calp1 * cd - salp1 * sd
                                salp1 = nsalp1
                                (salp1, calp1) = A.normalized(salp1, calp1)
                                tripNewton = abs(v) <= 16 * EllipsoidalGeodesic.tol0
                                continue
                            }
                        }
                    }
                    // Newton left the bracket or stalled: bisect.
                    (salp1, calp1) = A.normalized((salp1a + salp1b) / 2, (calp1a + calp1b) / 2)
                    tripNewton = false
                    tripBisection = abs(salp1a - salp1) + (calp1a - calp1) < EllipsoidalGeodesic.tolb
                        || abs(salp1 - salp1b) + (calp1 - calp1b) < EllipsoidalGeodesic.tolb
                }
                salp2 = last.salp2; calp2 = last.calp2
                sig12 = last.sig12
                let len = lengths(eps: last.eps, sig12: sig12, ssig1: last.ssig1, csig1: last.csig1, dn1: dn1,
                                  ssig2: last.ssig2, csig2: last.csig2, dn2: dn2)
                s12 = len.s12b * b
            }
        }

        // Back from the canonical configuration.
        if swapSign < 0 {
            swap(&salp1, &salp2)
            swap(&calp1, &calp2)
        }
        salp1 *= swapSign * lonSign; calp1 *= swapSign * latSign
        salp2 *= swapSign * lonSign; calp2 *= swapSign * latSign
        let degreesPerRadian = 180 / Double.pi
        return GeodesicInverse(distanceMetres: 0 + s12,
                               azimuth1: atan2(salp1, calp1) * degreesPerRadian,
                               azimuth2: atan2(salp2, calp2) * degreesPerRadian,
                               arcDegrees: sig12 * degreesPerRadian)
    }

    // MARK: - Pieces of the algorithm

    /// Distance s₁₂/b and reduced length m₁₂/b for arc σ₁₂ (eqs. 7, 38–40 of Karney 2013):
    /// s/b = A₁(σ₁₂ + B₁(σ₂) − B₁(σ₁)) and
    /// m/b = √(1 + k² sin²σ₂) cos σ₁ sin σ₂ − √(1 + k² sin²σ₁) sin σ₁ cos σ₂ − cos σ₁ cos σ₂ J₁₂.
    @inline(__always)
    func lengths(eps: Double, sig12: Double, ssig1: Double, csig1: Double, dn1: Double,
                 ssig2: Double, csig2: Double, dn2: Double) -> (s12b: Double, m12b: Double) {
        let a1m1 = GeodesicSeries.a1Minus1(eps), c1 = GeodesicSeries.c1(eps)
        let a2m1 = GeodesicSeries.a2Minus1(eps), c2 = GeodesicSeries.c2(eps)
        let b1 = c1.sum(sin: ssig2, cos: csig2) - c1.sum(sin: ssig1, cos: csig1)
        let b2 = c2.sum(sin: ssig2, cos: csig2) - c2.sum(sin: ssig1, cos: csig1)
        let a1 = 1 + a1m1, a2 = 1 + a2m1
        let s12b = a1 * (sig12 + b1)
        let j12 = (a1m1 - a2m1) * sig12 + (a1 * b1 - a2 * b2)
        let m12b = dn2 * (csig1 * ssig2) - dn1 * (ssig1 * csig2) - csig1 * csig2 * j12
        return (s12b, m12b)
    }

    struct LambdaResult {
        var residual = 0.0, derivative = 0.0
        var salp2 = 0.0, calp2 = 0.0, sig12 = 0.0
        var ssig1 = 0.0, csig1 = 0.0, ssig2 = 0.0, csig2 = 0.0, eps = 0.0
    }

    /// λ₁₂(α₁) − λ₁₂(target) for the geodesic leaving point 1 with azimuth α₁ (§ 4, eqs. 5–8, 13),
    /// and its derivative with respect to α₁ (eq. 38).
    func lambda12(sbet1: Double, cbet1: Double, dn1: Double, sbet2: Double, cbet2: Double, dn2: Double,
                  salp1: Double, calp1 inputCalp1: Double, slam120: Double, clam120: Double,
                  wantDerivative: Bool) -> LambdaResult {
        var calp1 = inputCalp1
        if sbet1 == 0 && calp1 == 0 { calp1 = -EllipsoidalGeodesic.tiny }  // break the equatorial degeneracy
        // Azimuth at the node: sin α₀ = sin α₁ cos β₁ (Clairaut).
        let salp0 = salp1 * cbet1
        let calp0 = (calp1 * calp1 + (salp1 * sbet1) * (salp1 * sbet1)).squareRoot()
        // σ₁ and ω₁ from tan σ₁ = tan β₁ / cos α₁, tan ω₁ = sin α₀ tan σ₁.
        let somg1 = salp0 * sbet1, comg1 = calp1 * cbet1
        let (ssig1, csig1) = AngleArithmetic.normalized(sbet1, calp1 * cbet1)
        var r = LambdaResult()
        r.salp2 = cbet2 != cbet1 ? salp0 / cbet2 : salp1
        // cos α₂ from cos² α₂ cos² β₂ = cos² α₁ cos² β₁ + (cos² β₂ − cos² β₁), written to avoid cancellation.
        if cbet2 != cbet1 || abs(sbet2) != -sbet1 {
            let d = cbet1 < -sbet1 ? (cbet2 - cbet1) * (cbet1 + cbet2) : (sbet1 - sbet2) * (sbet1 + sbet2)
            r.calp2 = ((calp1 * cbet1) * (calp1 * cbet1) + d).squareRoot() / cbet2
        } else {
            r.calp2 = abs(calp1)
        }
        let somg2 = salp0 * sbet2, comg2 = r.calp2 * cbet2
        let (ssig2, csig2) = AngleArithmetic.normalized(sbet2, r.calp2 * cbet2)
        r.sig12 = atan2(max(0, csig1 * ssig2 - ssig1 * csig2), csig1 * csig2 + ssig1 * ssig2)
        // ω₁₂ − λ₁₂(target), as one atan2 so no angle is reduced twice.
        let somg12 = max(0, comg1 * somg2 - somg1 * comg2)
        let comg12 = comg1 * comg2 + somg1 * somg2
        let eta = atan2(somg12 * clam120 - comg12 * slam120, comg12 * clam120 + somg12 * slam120)
        let k2 = calp0 * calp0 * ep2
        let eps = k2 / (2 * (1 + (1 + k2).squareRoot()) + k2)
        let c3 = third.c3(eps)
        let b312 = c3.sum(sin: ssig2, cos: csig2) - c3.sum(sin: ssig1, cos: csig1)
        let domg12 = -flattening * third.a3(eps) * salp0 * (r.sig12 + b312)
        r.residual = eta + domg12
        if wantDerivative {
            if r.calp2 == 0 {
                r.derivative = -2 * f1 * dn1 / sbet1
            } else {
                let len = lengths(eps: eps, sig12: r.sig12, ssig1: ssig1, csig1: csig1, dn1: dn1,
                                  ssig2: ssig2, csig2: csig2, dn2: dn2)
                r.derivative = len.m12b * f1 / (r.calp2 * cbet2)
            }
        }
        r.ssig1 = ssig1; r.csig1 = csig1; r.ssig2 = ssig2; r.csig2 = csig2; r.eps = eps
        return r
    }

    struct StartValue {
        var sig12 = -1.0, salp1 = 0.0, calp1 = 0.0, salp2 = 0.0, calp2 = 0.0, dnm = 0.0
    }

    /// Starting azimuth α₁ (§ 5). Short lines: great circle on a sphere of radius a·w̄ with the
    /// mean latitude, exact enough to be the answer (sig12 ≥ 0 then). Nearly antipodal lines:
    /// the astroid approximation (eq. 55–56). Otherwise the great circle on the auxiliary sphere.
    func inverseStart(sbet1: Double, cbet1: Double, dn1: Double, sbet2: Double, cbet2: Double, dn2: Double,
                      lam12: Double, slam12: Double, clam12: Double) -> StartValue {
        var r = StartValue()
        let sbet12 = sbet2 * cbet1 - cbet2 * sbet1     // sin(β₂ − β₁)
        let cbet12 = cbet2 * cbet1 + sbet2 * sbet1
        let sbet12a = sbet2 * cbet1 + cbet2 * sbet1    // sin(β₂ + β₁)
        let shortLine = cbet12 >= 0 && sbet12 < 0.5 && cbet2 * lam12 < 0.5
        var somg12: Double, comg12: Double
        if shortLine {
            var sbetm2 = (sbet1 + sbet2) * (sbet1 + sbet2)
            sbetm2 /= sbetm2 + (cbet1 + cbet2) * (cbet1 + cbet2)
            r.dnm = (1 + ep2 * sbetm2).squareRoot()
            let omg12 = lam12 / (f1 * r.dnm)
            somg12 = sin(omg12); comg12 = cos(omg12)
        } else {
            somg12 = slam12; comg12 = clam12
        }
        r.salp1 = cbet2 * somg12
        r.calp1 = comg12 >= 0
            ? sbet12 + cbet2 * sbet1 * somg12 * somg12 / (1 + comg12)
            : sbet12a - cbet2 * sbet1 * somg12 * somg12 / (1 - comg12)
        let ssig12 = (r.salp1 * r.salp1 + r.calp1 * r.calp1).squareRoot()
        let csig12 = sbet1 * sbet2 + cbet1 * cbet2 * comg12

        if shortLine && ssig12 < etol2 {
            r.salp2 = cbet1 * somg12
            r.calp2 = sbet12 - cbet1 * sbet2 * (comg12 >= 0 ? somg12 * somg12 / (1 + comg12) : 1 - comg12)
            (r.salp2, r.calp2) = AngleArithmetic.normalized(r.salp2, r.calp2)
            r.sig12 = atan2(ssig12, csig12)
        } else if abs(n) > 0.1 || csig12 >= 0 || ssig12 >= 6 * abs(n) * Double.pi * cbet1 * cbet1 {
            // The spherical start is good enough.
        } else {
            // Nearly antipodal: scale to the astroid coordinates (x, y) of eq. 53.
            let lam12x = atan2(-slam12, -clam12)                  // λ₁₂ − π
            let k2 = sbet1 * sbet1 * ep2
            let eps = k2 / (2 * (1 + (1 + k2).squareRoot()) + k2)
            let lamscale = flattening * cbet1 * third.a3(eps) * Double.pi
            let betscale = lamscale * cbet1
            let x = lam12x / lamscale
            let y = sbet12a / betscale
            if y > -EllipsoidalGeodesic.tol1 && x > -1 - EllipsoidalGeodesic.xthresh {
                // Near the cut (y ≈ 0): the geodesic passes close to the pole-to-pole meridian plane.
                r.salp1 = min(1, -x)
                r.calp1 = -(1 - r.salp1 * r.salp1).squareRoot()
            } else {
                let k = EllipsoidalGeodesic.astroid(x: x, y: y)
                let omg12a = lamscale * (-x * k / (1 + k))
                somg12 = sin(omg12a); comg12 = -cos(omg12a)
                r.salp1 = cbet2 * somg12
                r.calp1 = sbet12a - cbet2 * sbet1 * somg12 * somg12 / (1 - comg12)
            }
        }
        if r.salp1 > 0 {
            (r.salp1, r.calp1) = AngleArithmetic.normalized(r.salp1, r.calp1)
        } else {
            r.salp1 = 1; r.calp1 = 0
        }
        return r
    }

    /// The positive root k of the astroid quartic k⁴ + 2k³ − (x² + y² − 1)k² − 2y²k − y² = 0
    /// (Karney 2013, eq. 55), solved in closed form by the resolvent cubic.
    static func astroid(x: Double, y: Double) -> Double {
        let p = x * x, q = y * y
        let r = (p + q - 1) / 6
        if q == 0 && r <= 0 { return 0 }
        let s = p * q / 4
        let r2 = r * r, r3 = r * r2
        let disc = s * (s + 2 * r3)
        var u = r
        if disc >= 0 {
            var t3 = s + r3
            t3 += t3 < 0 ? -disc.squareRoot() : disc.squareRoot()   // avoid cancellation
            let t = cbrt(t3)
            u += t + (t != 0 ? r2 / t : 0)
        } else {
            let ang = atan2((-disc).squareRoot(), -(s + r3))
            u += 2 * r * cos(ang / 3)
        }
        let v = (u * u + q).squareRoot()
        let uv = u < 0 ? q / (v - u) : u + v
        let w = (uv - q) / (2 * v)
        return uv / ((uv + w * w).squareRoot() + w)
    }
}
