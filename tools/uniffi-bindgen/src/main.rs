//! `uniffi-bindgen generate <library> --language kotlin|swift|python --out-dir <dir>`: writes
//! the foreign bindings for the uniffi metadata found in a built `shared` library.
fn main() {
    uniffi::uniffi_bindgen_main();
}
