// Package tests holds test code: test functions own their contexts.
package tests
