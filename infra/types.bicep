// Types shared by the modules.

@export()
@description('Tags put on resources: azd reads azd-env-name on the resource group and azd-service-name on the app.')
type resourceTags = {
  @description('A tag name and its value.')
  *: string
}
