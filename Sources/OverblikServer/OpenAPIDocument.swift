/// The OpenAPI 3.1 document of the service, `Sources/OverblikServer/openapi.json`, embedded at build
/// time and served at `/openapi.json`. The committed file is the contract; tests check the routes against it.
enum OpenAPIDocument {
    static let text = String(decoding: PackageResources.openapi_json, as: UTF8.self)
}
