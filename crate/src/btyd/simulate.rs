//! Clients drawn from the BG/NBD model itself, for benchmarks and recovery tests:
//! λ ~ Gamma(r, α), p ~ Beta(a, b); purchases at rate λ, after each one the client
//! drops out with probability p; observed for T weeks (a whole number of days).

use super::bgnbd::{Customer, Params};

/// splitmix64: integer-only, the same stream on every target.
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let z = (self.0 ^ (self.0 >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        let z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in (0, 1).
    pub(crate) fn unit(&mut self) -> f64 {
        ((self.next() >> 11) as f64 + 0.5) / (1u64 << 53) as f64
    }

    fn normal(&mut self) -> f64 {
        let (u, v) = (self.unit(), self.unit());
        libm::sqrt(-2.0 * libm::log(u)) * libm::cos(2.0 * std::f64::consts::PI * v)
    }

    /// Gamma(shape, 1) by Marsaglia and Tsang (boosted for shape < 1).
    pub(crate) fn gamma(&mut self, shape: f64) -> f64 {
        if shape < 1.0 {
            return self.gamma(shape + 1.0) * libm::pow(self.unit(), 1.0 / shape);
        }
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / libm::sqrt(9.0 * d);
        loop {
            let x = self.normal();
            let v = libm::pow(1.0 + c * x, 3.0);
            if v > 0.0 && libm::log(self.unit()) < 0.5 * x * x + d - d * v + d * libm::log(v) {
                return d * v;
            }
        }
    }
}

/// `n` clients observed for 1..=`max_days` days (in weeks), from `seed`.
pub fn simulate(n: usize, p: &Params, max_days: u32, seed: u64) -> Vec<Customer> {
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|_| {
            let lambda = rng.gamma(p.r) / p.alpha;
            let (g1, g2) = (rng.gamma(p.a), rng.gamma(p.b));
            let drop = g1 / (g1 + g2);
            let t = f64::from(1 + (rng.next() % u64::from(max_days.max(1))) as u32) / 7.0;
            let (mut x, mut t_x, mut now) = (0.0, 0.0, 0.0);
            loop {
                now += -libm::log(rng.unit()) / lambda;
                if now > t {
                    break;
                }
                // Purchases land on whole days, as in a ledger.
                x += 1.0;
                t_x = libm::floor(now * 7.0) / 7.0;
                if rng.unit() < drop {
                    break;
                }
            }
            Customer { x, t_x, t }
        })
        .collect()
}

/// Average amounts for repeat buyers from the Gamma-Gamma model: each client's
/// ν ~ Gamma(q, γ), and the mean of x amounts ~ Gamma(p, ν) is Gamma(p x, ν x).
pub fn spend(data: &[Customer], p: &super::gamma_gamma::Params, seed: u64) -> Vec<(f64, f64)> {
    let mut rng = Rng::new(seed);
    data.iter()
        .filter(|c| c.x > 0.0)
        .map(|c| {
            let nu = rng.gamma(p.q) / p.gamma;
            (c.x, rng.gamma(p.p * c.x) / (nu * c.x))
        })
        .collect()
}
