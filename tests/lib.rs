//! Cross-component tests of the native runtime.
//!
//! - `rust/`: the exported `CoreRuntime` object called in process, exactly as the generated
//!   bindings call it, without a foreign language in between.
//! - `ffi/python`, `ffi/kotlin`, `ffi/c`: the same object through the generated Python and
//!   Kotlin bindings and the Swift C header, run by `cargo xtask ffi test`.
//!
//! This crate is also why `cargo test --workspace` runs the runtime's own tests in
//! `shared/tests/native_*.rs`: depending on `shared` with `native` turns the feature on for
//! the whole workspace build, while `cargo build -p shared --target wasm32-unknown-unknown`
//! still builds the core alone, without it.

pub use shared::native::ffi::{CoreError, CoreRuntime, ViewListener};
