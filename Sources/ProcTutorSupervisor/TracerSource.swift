// The Python tracer lives in Tracer/sitecustomize.py, embedded in the binary by SwiftPM (`.embedInCode`, see
// Package.swift), so the installed binary needs no data files. The supervisor writes it as `sitecustomize.py`
// into a folder first on PYTHONPATH (TracerCache). docs/engine.md explains its rules. It is linted (pyflakes)
// and unit-tested by Python itself on every installed interpreter (TracerPythonTests.swift runs
// TracerPython/test_tracer.py); TransparencyTests and the other supervisor suites run it under real programs.

enum TracerSource {
    /// The tracer's bytes exactly as in Tracer/sitecustomize.py.
    static var bytes: [UInt8] { PackageResources.sitecustomize_py }

    /// The tracer as text.
    static var sitecustomize: String { String(decoding: bytes, as: UTF8.self) }
}
