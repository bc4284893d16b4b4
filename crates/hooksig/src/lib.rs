#![no_std]
#![doc = include_str!("../README.md")]
#![cfg_attr(docsrs, feature(doc_auto_cfg))]
#![warn(missing_docs)]
#![deny(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

#[cfg(feature = "alloc")]
extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod mac;

#[cfg(feature = "alloc")]
mod encoding;
#[cfg(feature = "alloc")]
pub mod engine;
#[cfg(feature = "alloc")]
mod error;
#[cfg(feature = "alloc")]
mod headers;
#[cfg(feature = "alloc")]
pub mod limits;
#[cfg(feature = "alloc")]
mod scheme;
#[cfg(feature = "alloc")]
mod secret;
#[cfg(feature = "alloc")]
mod text;
#[cfg(feature = "alloc")]
mod timestamp;
#[cfg(feature = "alloc")]
mod webhook;
#[cfg(feature = "alloc")]
mod wire;

#[cfg(feature = "alloc")]
pub use crate::{
    encoding::Encoding,
    error::{Error, Result},
    headers::{trim_ows, HeaderEntry, Headers, IndexedHeaders},
    scheme::{CustomScheme, Layout, Scheme},
    secret::{encode_secret, generate_secret, Secret, SecretFormat, SecretKind},
    timestamp::TimestampUnit,
    webhook::{Key, SignatureKind, SignedHeaders, Verification, Webhook},
};
#[cfg(feature = "ed25519")]
pub use crate::secret::generate_ed25519_keypair;
pub use mac::ct_eq;
pub use rand_core;
pub use zeroize::Zeroizing;

/// The repository README's Rust example, compiled and run as a doctest so it cannot rot. Only in the
/// repository (`.cargo/config.toml` sets the cfg): the published crate does not contain that file.
#[cfg(all(doctest, hooksig_repository))]
#[doc = include_str!("../../../README.md")]
struct RepositoryReadme;
