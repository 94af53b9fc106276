//! TEMPORARY STUB (the demo generator is being written): same API.
pub const DEMO_SEED: u64 = 20251231;
pub struct Demo {
    pub csv: String,
    pub truth: DemoTruth,
}
#[derive(serde::Serialize, Debug, Clone, PartialEq, Default)]
pub struct DemoTruth {
    pub rows: usize,
}
pub fn generate(_seed: u64) -> Demo {
    Demo {
        csv: "Дата;Контрагент;Сумма\n01.01.2025;ООО «Ромашка»;100,00\n".into(), truth: DemoTruth::default()
    }
}
pub fn demo() -> Demo {
    generate(DEMO_SEED)
}
