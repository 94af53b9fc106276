//! Forward-mode dual numbers over four parameters: a value and its gradient carried
//! together, so the Pareto/NBD likelihood (hypergeometric functions of all four
//! parameters, two branches) gets an exact gradient for BFGS without deriving each
//! branch by hand.

use super::special::{digamma, ln_gamma};
use std::ops::{Add, Div, Mul, Neg, Sub};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct D {
    pub v: f64,
    pub d: [f64; 4],
}

impl D {
    pub fn c(v: f64) -> D {
        D { v, d: [0.0; 4] }
    }

    /// The `i`-th of four variables, differentiated in its logarithm: d v / d ln v = v.
    pub fn log_var(v: f64, i: usize) -> D {
        let mut d = [0.0; 4];
        d[i] = v;
        D { v, d }
    }

    /// f(self) given f's value and derivative at self.v.
    pub fn map(self, value: f64, slope: f64) -> D {
        D { v: value, d: self.d.map(|x| x * slope) }
    }

    pub fn ln(self) -> D {
        self.map(libm::log(self.v), 1.0 / self.v)
    }

    pub fn ln_gamma(self) -> D {
        self.map(ln_gamma(self.v), digamma(self.v))
    }

    /// ln(1 - e^self) for self < 0.
    pub fn ln_one_minus_exp(self) -> D {
        let e = libm::exp(self.v);
        self.map(libm::log(-libm::expm1(self.v)), -e / -libm::expm1(self.v))
    }

    /// Σ wᵢ dᵢ + self: combine partial derivatives of a function of several duals.
    pub fn chain(value: f64, parts: &[(f64, D)]) -> D {
        let mut d = [0.0; 4];
        for (w, x) in parts {
            for (acc, dx) in d.iter_mut().zip(x.d) {
                *acc += w * dx;
            }
        }
        D { v: value, d }
    }
}

/// ln(e^a + e^b) without overflow.
pub fn log_sum_exp(a: D, b: D) -> D {
    let (hi, lo) = if a.v >= b.v { (a, b) } else { (b, a) };
    if lo.v == f64::NEG_INFINITY {
        return hi;
    }
    let z = libm::exp(lo.v - hi.v);
    let w_lo = z / (1.0 + z);
    D::chain(hi.v + libm::log1p(z), &[(1.0 - w_lo, hi), (w_lo, lo)])
}

impl Add for D {
    type Output = D;
    fn add(self, o: D) -> D {
        D { v: self.v + o.v, d: std::array::from_fn(|k| self.d[k] + o.d[k]) }
    }
}

impl Sub for D {
    type Output = D;
    fn sub(self, o: D) -> D {
        D { v: self.v - o.v, d: std::array::from_fn(|k| self.d[k] - o.d[k]) }
    }
}

// The product and quotient rules mix the operators on purpose.
#[allow(clippy::suspicious_arithmetic_impl)]
impl Mul for D {
    type Output = D;
    fn mul(self, o: D) -> D {
        D { v: self.v * o.v, d: std::array::from_fn(|k| self.d[k] * o.v + self.v * o.d[k]) }
    }
}

#[allow(clippy::suspicious_arithmetic_impl)]
impl Div for D {
    type Output = D;
    fn div(self, o: D) -> D {
        let q = self.v / o.v;
        D { v: q, d: std::array::from_fn(|k| (self.d[k] - q * o.d[k]) / o.v) }
    }
}

impl Neg for D {
    type Output = D;
    fn neg(self) -> D {
        D { v: -self.v, d: self.d.map(|x| -x) }
    }
}

impl Add<f64> for D {
    type Output = D;
    fn add(self, o: f64) -> D {
        D { v: self.v + o, d: self.d }
    }
}

impl Mul<f64> for D {
    type Output = D;
    fn mul(self, o: f64) -> D {
        D { v: self.v * o, d: self.d.map(|x| x * o) }
    }
}
