// swift-tools-version:6.0
import PackageDescription

// One target per pipeline stage (README.md, "Layout"), data flowing one way:
// Syntax → Checker → Interpreter, with Data and Model beside them.
let package = Package(
    name: "mle",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "mle", targets: ["MLECommand"]),
        .executable(name: "mle-bench", targets: ["MLEBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Persistent (structure-sharing) dictionaries: the checker keeps an environment per statement.
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        // C shims
        .target(name: "CInterrupt"),
        .target(name: "CReadline", dependencies: ["CInterrupt"], linkerSettings: [.linkedLibrary("readline")]),
        .target(name: "CGSL", linkerSettings: [.linkedLibrary("gsl")]),
        .target(name: "CLapack", linkerSettings: [.linkedLibrary("lapacke"), .linkedLibrary("openblas")]),
        .target(name: "CLBFGS", linkerSettings: [.linkedLibrary("lbfgs")]),
        .target(name: "CSQLite", dependencies: ["CInterrupt"], linkerSettings: [.linkedLibrary("sqlite3")]),
        // libpq is loaded when first needed (CPostgres.h says why), not linked.
        .target(name: "CPostgres", linkerSettings: [.linkedLibrary("dl")]),

        // Pipeline stages
        .target(name: "Diagnostics"),
        .target(name: "Interrupt", dependencies: ["CInterrupt"]),
        .target(name: "SeededRandom"),
        .target(name: "Syntax", dependencies: ["Diagnostics"]),
        .target(name: "LinearAlgebra", dependencies: ["CLapack"]),
        .target(name: "Data", dependencies: ["Diagnostics", "LinearAlgebra", "Interrupt", "CSQLite", "CPostgres"]),
        .target(name: "Symbolic", dependencies: ["CGSL", "Diagnostics"]),
        .target(name: "Model", dependencies: ["CGSL", "Diagnostics", "Symbolic", "LinearAlgebra"]),
        .target(name: "Report", dependencies: ["Diagnostics"]),
        // Pushdown: a term's sums as aggregate queries in the database its rows are in.
        .target(name: "Pushdown", dependencies: ["Data", "Model", "Symbolic", "LinearAlgebra"]),
        .target(name: "Solvers", dependencies: ["LinearAlgebra", "Interrupt", "CLBFGS"]),
        .target(name: "Inference", dependencies: ["LinearAlgebra", "CGSL"]),
        // Fitting: a problem in; the plan, the solution, the checks and the inference out. No Syntax.
        .target(
            name: "Fitting",
            dependencies: [
                "Diagnostics", "Model", "Symbolic", "LinearAlgebra", "Solvers", "Inference", "Report", "Interrupt",
            ]),
        .target(
            name: "Checker",
            dependencies: [
                "Diagnostics", "Syntax", "Data", "Model", "Fitting",
                .product(name: "HashTreeCollections", package: "swift-collections"),
            ]),
        .target(
            name: "Interpreter",
            dependencies: [
                "Diagnostics", "Syntax", "Checker", "Data", "Model", "Symbolic", "LinearAlgebra", "Solvers",
                "Inference",
                "Fitting", "Report", "CGSL", "Interrupt", "Pushdown",
            ]),
        .executableTarget(
            name: "MLECommand",
            dependencies: [
                "Interpreter", "Diagnostics", "CReadline", "Interrupt",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),

        // The libFuzzer target (Scripts/fuzz.sh builds it with -DFUZZING and the fuzzer
        // sanitizer; a plain build makes it a replayer of inputs given as files).
        .executableTarget(
            name: "FuzzMLE", dependencies: ["Interpreter", "Diagnostics", "Report", "Syntax"],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]),

        .executableTarget(
            name: "MLEBench",
            dependencies: [
                "Model", "Symbolic", "LinearAlgebra", "SeededRandom", "Interpreter", "Report", "Diagnostics", "Fitting",
                "Data",
            ],
            path: "Benchmarks/MLEBench"),

        // Tests
        .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"]),
        .testTarget(name: "SyntaxTests", dependencies: ["SeededRandom", "Syntax", "Diagnostics"]),
        .testTarget(name: "DataTests", dependencies: ["SeededRandom", "Data", "Diagnostics"]),
        .testTarget(name: "CheckerTests", dependencies: ["Checker", "Syntax", "Diagnostics"]),
        .testTarget(name: "InterpreterTests", dependencies: ["Interpreter", "Diagnostics", "Report", "SeededRandom"]),
        .testTarget(name: "ScriptTests", dependencies: ["Interpreter", "Diagnostics", "Report"]),
        .testTarget(name: "REPLTests", dependencies: ["MLECommand", "Syntax", "Checker", "Model"]),
        .testTarget(name: "SymbolicTests", dependencies: ["SeededRandom", "Symbolic"]),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra"]),
        .testTarget(name: "SolversTests", dependencies: ["Solvers", "LinearAlgebra"]),
        .testTarget(name: "ModelTests", dependencies: ["SeededRandom", "Model", "Symbolic", "LinearAlgebra"]),
        .testTarget(name: "InferenceTests", dependencies: ["Inference", "LinearAlgebra", "Report"]),
        .testTarget(name: "ReportTests", dependencies: ["Report"]),
        .testTarget(
            name: "PushdownTests",
            dependencies: [
                "Interpreter", "Checker", "Pushdown", "Data", "Model", "Symbolic", "Diagnostics", "Report", "CSQLite",
                "CGSL",
            ],
            exclude: ["postgres.sql"]),
        .testTarget(
            name: "FittingTests",
            dependencies: ["Fitting", "Model", "Symbolic", "LinearAlgebra", "SeededRandom", "Report"]),
    ]
)
