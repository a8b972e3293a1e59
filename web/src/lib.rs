//! The caiju engine for the web page: one JSON request in, one JSON answer out, through three raw WebAssembly exports.
//!
//! The page writes a request (UTF-8 JSON) into the buffer `request` hands out, calls `respond`, and
//! reads the number of bytes `respond` returns at `output`. The buffers live here, in Rust, so no
//! `unsafe` block is needed on either side of the boundary.

mod dispatch;
mod questionnaire;

pub use dispatch::call;

use caiju_core::messages::Msg;
use std::cell::RefCell;

thread_local! {
    static REQUEST: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    static OUTPUT: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// Makes the request buffer `len` bytes long and returns where the page writes the request.
// reason: the page finds the export by this exact name; the function itself is safe.
#[allow(unsafe_code)]
#[no_mangle]
pub extern "C" fn request(len: usize) -> *mut u8 {
    REQUEST.with(|buffer| {
        let mut buffer = buffer.borrow_mut();
        buffer.clear();
        buffer.resize(len, 0);
        buffer.as_mut_ptr()
    })
}

/// Answers the request in the buffer; returns the length of the answer at `output`.
// reason: the page finds the export by this exact name; the function itself is safe.
#[allow(unsafe_code)]
#[no_mangle]
pub extern "C" fn respond() -> usize {
    let answer = REQUEST.with(|buffer| match std::str::from_utf8(&buffer.borrow()) {
        Ok(text) => call(text),
        Err(_) => dispatch::failure(Msg::request_not_utf8()),
    });
    OUTPUT.with(|output| {
        let mut output = output.borrow_mut();
        *output = answer.into_bytes();
        output.len()
    })
}

/// Where the last answer is.
// reason: the page finds the export by this exact name; the function itself is safe.
#[allow(unsafe_code)]
#[no_mangle]
pub extern "C" fn output() -> *const u8 {
    OUTPUT.with(|output| output.borrow().as_ptr())
}
