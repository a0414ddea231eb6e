//! Build script: compiles `tests/c/bridge_lib.c` (the C side of the native
//! bridge tests) into a static library and links it into the integration
//! test binaries only (`rustc-link-arg-tests`); the library itself links
//! nothing extra.

fn main() {
    println!("cargo:rerun-if-changed=tests/c/bridge_lib.c");
    let target = std::env::var("TARGET").unwrap_or_default();
    if !(target.starts_with("x86_64") && target.contains("linux")) {
        return;
    }
    cc::Build::new()
        .file("tests/c/bridge_lib.c")
        .opt_level(2)
        .warnings(true)
        .cargo_metadata(false)
        .compile("mirage_bridge_testlib");
    let out = std::env::var("OUT_DIR").unwrap_or_default();
    println!("cargo:rustc-link-arg-tests=-Wl,--whole-archive");
    println!("cargo:rustc-link-arg-tests={out}/libmirage_bridge_testlib.a");
    println!("cargo:rustc-link-arg-tests=-Wl,--no-whole-archive");
}
