package main

import "fmt"

// evalExtraction is not built yet; its issue is open.
func evalExtraction(shared string) error {
	fmt.Println("not built yet")
	return nil
}
