// Package broken does not type-check: the tools must say so and exit 1.
package broken

func Broken() int {
	return "not an int"
}
