//! Replays the shared corpus in `tests/vectors/` (the contract every binding replays too), with
//! Project Wycheproof's HMAC-SHA256 cases.

use std::path::{Path, PathBuf};

use base64ct::{Base64, Encoding as _};
use hooksig::mac::{Algorithm, MacBackend, SoftwareMac};
use hooksig::{CustomScheme, Key, Scheme, Secret, SecretFormat, Webhook};
use serde_json::Value;

fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors")
}

fn load(name: &str) -> Value {
    let path = vectors_dir().join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn cases(file: &Value) -> &Vec<Value> {
    file["cases"].as_array().expect("a cases array")
}

/// `{"utf8": …}`, `{"hex": …}` or `{"base64": …}`.
fn bytes(value: &Value) -> Vec<u8> {
    if let Some(text) = value["utf8"].as_str() {
        text.as_bytes().to_vec()
    } else if let Some(hex) = value["hex"].as_str() {
        (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex"))
            .collect()
    } else if let Some(b64) = value["base64"].as_str() {
        Base64::decode_vec(b64).expect("base64")
    } else {
        panic!("not a bytes value: {value}")
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn scheme(value: &Value) -> Scheme {
    match value {
        Value::String(name) => name.parse().expect("known scheme"),
        custom => Scheme::Custom(Box::new(
            serde_json::from_value::<CustomScheme>(custom.clone()).expect("custom scheme"),
        )),
    }
}

fn format(value: &Value) -> Option<SecretFormat> {
    match value.as_str() {
        None | Some("auto") => None,
        Some(name) => Some(name.parse().expect("known format")),
    }
}

fn secret(scheme: &Scheme, input: &Value, format_value: &Value) -> hooksig::Result<Secret> {
    match input {
        Value::String(text) => Webhook::parse_secret(scheme, text, format(format_value)),
        raw => Secret::from_bytes(&bytes(raw)),
    }
}

#[test]
fn rfc4231_hmac_sha256() {
    let file = load("hmac_sha256.json");
    assert!(cases(&file).len() >= 7);
    for case in cases(&file) {
        let tag = SoftwareMac.hmac(Algorithm::Sha256, &bytes(&case["key"]), &[&bytes(&case["data"])]);
        assert_eq!(hex(&tag), case["mac"].as_str().unwrap(), "{}", case["name"]);
        if let Some(n) = case["truncated_to"].as_u64() {
            let truncated = case["truncated_mac"].as_str().or(case["rfc_mac"].as_str());
            if let Some(expected) = truncated {
                assert_eq!(hex(&tag[..n as usize]), expected, "{}", case["name"]);
            }
        }
    }
}

#[test]
fn wycheproof_hmac_sha256() {
    let file = load("wycheproof/hmac_sha256_test.json");
    let mut checked = 0;
    for group in file["testGroups"].as_array().expect("testGroups") {
        let tag_len = group["tagSize"].as_u64().expect("tagSize") as usize / 8;
        for test in group["tests"].as_array().expect("tests") {
            let hexed = |field: &str| bytes(&serde_json::json!({ "hex": test[field] }));
            let tag = SoftwareMac.hmac(Algorithm::Sha256, &hexed("key"), &[&hexed("msg")]);
            let expected = hexed("tag");
            let valid = test["result"] == "valid";
            let matches = expected.len() == tag_len && hooksig::ct_eq(&tag[..tag_len], &expected);
            assert_eq!(matches, valid, "wycheproof tcId {}", test["tcId"]);
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} wycheproof cases");
}

#[test]
fn secrets() {
    let file = load("secrets.json");
    for case in cases(&file) {
        let name = case["name"].as_str().unwrap();
        let scheme = scheme(&case["scheme"]);
        let parsed = secret(&scheme, &case["input"], &case["format"]);
        match case["error"].as_str() {
            Some(code) => assert_eq!(parsed.err().map(|e| e.code()), Some(code), "{name}"),
            None => {
                let parsed = parsed.unwrap_or_else(|e| panic!("{name}: {e}"));
                assert_eq!(hex(parsed.key_bytes()), hex(&bytes(&case["key"])), "{name}");
                assert_eq!(parsed.hint(), case["hint"].as_str().unwrap(), "{name}");
            }
        }
    }
}

fn webhook(case: &Value) -> hooksig::Result<Webhook> {
    let scheme = scheme(&case["scheme"]);
    let mut keys = Vec::new();
    for entry in case["secrets"].as_array().expect("secrets") {
        let mut key = Key::new(secret(&scheme, &entry["secret"], &entry["format"])?);
        if let Some(not_after) = entry["not_after"].as_i64() {
            key = key.not_after(not_after);
        }
        keys.push(key);
    }
    let tolerance = case["tolerance"].as_u64().unwrap_or(300);
    Ok(Webhook::new(scheme, keys)?.tolerance(tolerance))
}

fn headers(case: &Value) -> Vec<(String, String)> {
    case["headers"]
        .as_array()
        .expect("headers")
        .iter()
        .map(|pair| (pair[0].as_str().unwrap().to_owned(), pair[1].as_str().unwrap().to_owned()))
        .collect()
}

#[test]
fn deliveries() {
    let file = load("deliveries.json");
    let mut schemes = std::collections::BTreeSet::new();
    for case in cases(&file) {
        let name = case["name"].as_str().unwrap();
        schemes.insert(name.split('/').next().unwrap().to_owned());
        let expect = &case["expect"];
        let body = bytes(&case["body"]);
        let headers = headers(case);
        let now = case["now"].as_i64().unwrap();
        let result = webhook(case).and_then(|hook| hook.verify(&body, &headers, now));
        // In two steps (headers, then body), every case ends the same.
        let two_steps = webhook(case).and_then(|hook| hook.read_headers(&headers, now).and_then(|signed| hook.verify_body(&signed, &body, now)));
        assert_eq!(two_steps, result, "{name}: read_headers + verify_body");
        if expect["ok"] == true {
            let verified = result.unwrap_or_else(|e| panic!("{name}: {} {e}", e.code()));
            assert_eq!(verified.key_index as u64, expect["key_index"].as_u64().unwrap(), "{name}");
            assert_eq!(verified.id.as_deref(), expect["id"].as_str(), "{name}");
            assert_eq!(verified.timestamp, expect["timestamp"].as_i64(), "{name}");
        } else {
            let code = expect["error"].as_str().unwrap();
            assert_eq!(result.err().map(|e| e.code()), Some(code), "{name}");
        }
        if case["sign"] == true {
            let hook = webhook(case).unwrap();
            let timestamp = expect["timestamp"].as_i64().unwrap_or(case["now"].as_i64().unwrap());
            let signed = hook.sign(expect["id"].as_str(), timestamp, &body).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(signed, headers, "{name}: signing");
        }
    }
    for required in ["standard", "stripe", "github", "slack", "shopify", "custom"] {
        assert!(schemes.iter().any(|s| s.starts_with(required)), "no {required} vectors");
    }
}
